#pragma once

#include <iosfwd>
#include <string>

namespace peduli::stats {

// `peduli stats rebuild`: recomputes the counters from the base tables. Exit 0 done, 2 the
// database failed.
int RunRebuild(const std::string& database_url, std::ostream& out, std::ostream& err);
// `peduli stats check`: compares the counters with the base tables and prints every cell
// that drifted. Exit 0 no drift, 1 drift found, 2 the database failed.
int RunCheck(const std::string& database_url, std::ostream& out, std::ostream& err);

}  // namespace peduli::stats
