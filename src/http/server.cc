#include "http/server.h"

#include <mutex>
#include <set>

#include <restinio/all.hpp>

#include "core/log.h"

namespace peduli::http {
namespace {

struct Traits : public restinio::default_traits_t {
  using logger_t = restinio::null_logger_t;
};

std::string ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "OK";
  }
}

Request ToRequest(const restinio::request_handle_t& r) {
  Request req;
  req.method = std::string(r->header().method().c_str());
  req.path = UrlDecode(r->header().path(), false);
  req.query = std::string(r->header().query());
  for (const auto& f : r->header()) {
    std::string name = f.name();
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), f.value());
  }
  req.body = r->body();
  req.remote_ip = r->remote_endpoint().address().to_string();
  return req;
}

// Sends a streamed body: one piece, then the next once asio has written it (the write
// callback runs on the connection's thread), so at most one piece is held at a time.
class StreamPump : public std::enable_shared_from_this<StreamPump> {
 public:
  StreamPump(restinio::response_builder_t<restinio::chunked_output_t> resp, BodyStream next)
      : resp_(std::move(resp)), next_(std::move(next)) {}

  void Step() {
    auto piece = next_();
    if (!piece.ok()) {
      // Without done() the response never ends properly: RESTinio closes the connection at
      // the request timeout, and the client has no final chunk.
      log::Error("stream_failed", {{"reason", piece.error().message}});
      resp_.connection_close();
      return;
    }
    if (!piece->has_value()) {
      resp_.done();
      return;
    }
    resp_.append_chunk(std::move(**piece));
    auto self = shared_from_this();
    resp_.flush([self](const restinio::asio_ns::error_code& ec) {
      if (!ec) self->Step();  // a write error: the client went away, stop reading
    });
  }

 private:
  restinio::response_builder_t<restinio::chunked_output_t> resp_;
  BodyStream next_;
};

restinio::request_handling_status_t SendWhole(const restinio::request_handle_t& r, Response& res) {
  const restinio::http_status_line_t status{
      restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
      ReasonPhrase(res.status)};
  auto resp = r->create_response(status);
  for (auto& [k, v] : res.headers) resp.append_header(k, v);
  resp.set_body(std::move(res.body));
  return resp.done();
}

// A request whose answer comes later (Response::later). Its handle is dropped when the
// server stops, while the io_context it belongs to still exists: an answer sent after that
// finds no handle and does nothing.
struct Deferred {
  std::mutex mu;
  restinio::request_handle_t request;
  std::vector<std::pair<std::string, std::string>> headers;  // the pipeline's
};

struct DeferredSet {
  std::mutex mu;
  std::set<std::shared_ptr<Deferred>> open;
};

}  // namespace

struct Server::Impl {
  RequestHandler handler;
  ServerOptions options;
  restinio::running_server_handle_t<Traits> running;
  std::shared_ptr<DeferredSet> deferred = std::make_shared<DeferredSet>();
};

Server::Server(RequestHandler handler, ServerOptions options)
    : impl_(std::make_unique<Impl>(Impl{std::move(handler), std::move(options), {}})) {}

Server::~Server() { Stop(); }

void Server::Start() {
  RequestHandler* handler = &impl_->handler;
  std::shared_ptr<DeferredSet> deferred = impl_->deferred;
  const size_t max_body = impl_->options.max_body_bytes;
  auto settings =
      restinio::server_settings_t<Traits>{}
          .address(impl_->options.address)
          .port(impl_->options.port)
          // Above our own limit, so the pipeline can answer 413 itself instead of RESTinio
          // dropping the connection.
          .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}.max_body_size(max_body * 4))
          .handle_request_timeout(std::chrono::seconds(60))
          .request_handler([handler, deferred](restinio::request_handle_t r) {
            Request req = ToRequest(r);
            Response res = (*handler)(req);
            if (res.later) {
              auto d = std::make_shared<Deferred>();
              d->request = r;
              d->headers = std::move(res.headers);
              {
                std::lock_guard<std::mutex> l(deferred->mu);
                deferred->open.insert(d);
              }
              res.later([d, deferred](Response out) {
                {
                  std::lock_guard<std::mutex> l(d->mu);
                  if (!d->request) return;  // the server stopped, or already answered
                  for (auto& h : d->headers) {
                    if (!out.Header(h.first)) out.headers.push_back(h);
                  }
                  SendWhole(d->request, out);  // RESTinio posts the write to the connection
                  d->request.reset();
                }
                std::lock_guard<std::mutex> l(deferred->mu);
                deferred->open.erase(d);
              });
              return restinio::request_accepted();
            }
            const restinio::http_status_line_t status{
                restinio::http_status_code_t{static_cast<std::uint16_t>(res.status)},
                ReasonPhrase(res.status)};
            if (res.stream) {
              auto resp = r->create_response<restinio::chunked_output_t>(status);
              for (auto& [k, v] : res.headers) resp.append_header(k, v);
              std::make_shared<StreamPump>(std::move(resp), std::move(res.stream))->Step();
              return restinio::request_accepted();
            }
            return SendWhole(r, res);
          });
  try {
    impl_->running = restinio::run_async(restinio::own_io_context(), std::move(settings),
                                         impl_->options.threads);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot serve: ") + e.what());
  }
}

void Server::Stop() {
  if (impl_ && impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
    // Answers still owed are dropped now, while their connections' io_context exists.
    std::set<std::shared_ptr<Deferred>> open;
    {
      std::lock_guard<std::mutex> l(impl_->deferred->mu);
      open.swap(impl_->deferred->open);
    }
    for (const auto& d : open) {
      std::lock_guard<std::mutex> l(d->mu);
      d->request.reset();
    }
    impl_->running.reset();
  }
}

}  // namespace peduli::http
