#include "http/multipart.h"

#include <restinio/all.hpp>
#include <restinio/helpers/http_field_parsers/content-disposition.hpp>
#include <restinio/helpers/multipart_body.hpp>

namespace peduli::http {

std::optional<std::vector<Part>> ParseMultipart(std::string_view content_type,
                                                std::string_view body) {
  namespace hfp = restinio::http_field_parsers;
  namespace mp = restinio::multipart_body;
  using restinio::impl::is_equal_caseless;
  const restinio::string_view_t ct(content_type.data(), content_type.size());
  const auto parsed = hfp::content_type_value_t::try_parse(ct);
  if (!parsed || !is_equal_caseless(parsed->media_type.type, "multipart") ||
      !is_equal_caseless(parsed->media_type.subtype, "form-data")) {
    return std::nullopt;
  }
  const auto boundary = hfp::find_first(parsed->media_type.parameters, "boundary");
  if (!boundary || mp::check_boundary_value(*boundary)) return std::nullopt;
  const std::string mark = "--" + std::string(boundary->data(), boundary->size());
  const auto pieces =
      mp::split_multipart_body(restinio::string_view_t(body.data(), body.size()), mark);
  if (pieces.empty()) return std::nullopt;  // no parts, or not closed properly
  std::vector<Part> parts;
  for (const auto piece : pieces) {
    const auto part = mp::try_parse_part(piece);
    if (!part) return std::nullopt;
    const auto disposition = part->fields.opt_value_of(restinio::http_field::content_disposition);
    if (!disposition) return std::nullopt;
    const auto cd = hfp::content_disposition_value_t::try_parse(*disposition);
    if (!cd || cd->value != "form-data") return std::nullopt;
    Part p;
    if (auto name = hfp::find_first(cd->parameters, "name")) p.name = std::string(*name);
    if (auto file = hfp::find_first(cd->parameters, "filename")) p.file_name = std::string(*file);
    if (auto type = part->fields.opt_value_of(restinio::http_field::content_type)) {
      p.content_type = std::string(*type);
    }
    p.data = std::string(part->body.data(), part->body.size());
    parts.push_back(std::move(p));
  }
  return parts;
}

}  // namespace peduli::http
