// The dialect-specific half of the search index (the shared half is migration 0007).
#include "store/search_store.h"

namespace peduli::store {

Status EnsureSearchSchema(Connection& c) {
  if (c.dialect() == Dialect::kSqlite) {
    // detail=none: only which rowids hold a token (no positions), the smallest index that
    // answers AND-of-prefix queries; prefix='2 3' keeps short prefixes ("mu*", "sit*") from
    // merging thousands of token doclists at query time.
    return c.ExecScript(
        "CREATE VIRTUAL TABLE IF NOT EXISTS citizen_name_fts USING fts5("
        "doc, tokenize = \"unicode61 tokenchars '_'\", prefix = '2 3', detail = none)");
  }
  PEDULI_TRY(c.ExecScript("CREATE EXTENSION IF NOT EXISTS pg_trgm"));
  return c.ExecScript(
      "CREATE INDEX IF NOT EXISTS citizen_search_name_trgm ON citizen_search "
      "USING gin (name_key gin_trgm_ops)");
}

}  // namespace peduli::store
