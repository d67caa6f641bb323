#include "modules/search/names.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <string_view>

namespace peduli::search {
namespace {

// A Transliterator is not safe for concurrent use: one per thread, created on first use.
// nullptr when ICU cannot build it (then non-ASCII letters are dropped, never crash).
icu::Transliterator* Folder() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) made.reset();
    return made;
  }();
  return t.get();
}

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// Step 1: ASCII, lower case.
std::string Fold(std::string_view name) {
  std::string out;
  if (IsAscii(name)) {
    out.assign(name);
  } else if (icu::Transliterator* t = Folder()) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    // Apostrophe-like letters are dropped before folding (Latin-ASCII would make them "'",
    // but ʼ U+02BC is a letter to ICU and would otherwise survive as one).
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2019)), "'");
    u.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x02BC)), "'");
    t->transliterate(u);
    u.toUTF8String(out);
  } else {
    for (unsigned char c : name) {
      if (c < 0x80) out.push_back(static_cast<char>(c));
    }
  }
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  size_t at = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
  }
}

bool StartsWith(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

constexpr std::array<std::string_view, 6> kMuhammad = {"muhamad", "muhamed", "muhamat",
                                                        "muh",     "mhd",     "muhd"};

}  // namespace

std::string NormaliseToken(std::string_view token) {
  std::string t(token);
  // a. old spelling.
  ReplaceAll(t, "dj", "j");
  ReplaceAll(t, "tj", "c");
  ReplaceAll(t, "oe", "u");
  // b. Moh-/Moch-/Much- -> muh-.
  if (StartsWith(t, "moch") || StartsWith(t, "much")) {
    t.replace(0, 4, "muh");
  } else if (StartsWith(t, "moh")) {
    t.replace(0, 3, "muh");
  }
  // c. doubled letters.
  std::string single;
  single.reserve(t.size());
  for (char c : t) {
    if (single.empty() || single.back() != c || (c >= '0' && c <= '9')) single.push_back(c);
  }
  t = std::move(single);
  // d. final y -> i.
  if (t.size() >= 2 && t.back() == 'y' && t[t.size() - 2] >= 'a' && t[t.size() - 2] <= 'z') {
    t.back() = 'i';
  }
  // e. aliases.
  for (std::string_view a : kMuhammad) {
    if (t == a) return "muhamad";
  }
  if (t == "nor") return "nur";
  return t;
}

std::string NameKey(std::string_view name) {
  const std::string folded = Fold(name);
  std::string key, token;
  auto flush = [&] {
    if (token.empty()) return;
    std::string n = NormaliseToken(token);
    token.clear();
    if (n.empty()) return;
    if (!key.empty()) key.push_back(' ');
    key += n;
  };
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      token.push_back(c);
    } else if (c == '\'' || c == '`') {
      // Apostrophes join: Nur'aini -> nuraini.
    } else {
      flush();
    }
  }
  flush();
  return key;
}

}  // namespace peduli::search
