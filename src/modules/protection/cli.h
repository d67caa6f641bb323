#pragma once

#include <iosfwd>
#include <string>

namespace peduli::protection {

// `peduli protection counts rebuild`: recomputes the dashboard's counter rows
// (protection_case_counts) from the case table. Exit 0 done, 2 the database failed.
int RunCountsRebuild(const std::string& database_url, std::ostream& out, std::ostream& err);
// `peduli protection counts check`: compares the counter rows with the case table and prints
// every row that drifted. Exit 0 no drift, 1 drift found, 2 the database failed.
int RunCountsCheck(const std::string& database_url, std::ostream& out, std::ostream& err);

}  // namespace peduli::protection
