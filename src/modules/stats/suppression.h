#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace peduli::stats {

// A table of counts with its margins, for publication. cells[r][c]; row_totals[r];
// col_totals[c]; total. A suppressed entry is published as "—" (null in JSON).
struct SuppressedTable {
  std::vector<std::vector<int64_t>> cells;
  std::vector<int64_t> row_totals, col_totals;
  int64_t total = 0;
  // Same shapes: true = not published.
  std::vector<std::vector<bool>> cell_hidden;
  std::vector<bool> row_hidden, col_hidden;
  bool total_hidden = false;
};

// Builds the margins of `cells` and hides what must not be published:
//  1. primary: every cell and margin with 0 < n < threshold;
//  2. complementary: more entries until no hidden entry can be recomputed from the
//     published ones. The table with its margins is a set of linear equations (each row,
//     the totals row included, sums to its total; likewise each column); an entry is
//     recoverable when its unit vector lies in the span of those equations restricted to
//     the hidden entries. Each round hides, in a line of a recoverable entry, the smallest
//     published entry (cells before margins), and repeats: at worst everything is hidden.
// Zero cells are published (a zero is not a person) unless hidden as complements.
SuppressedTable Suppress(const std::vector<std::vector<int64_t>>& cells, int64_t threshold);

// Whether hidden entry (r, c) of `t` can be recomputed from its published entries; r ==
// rows means the totals row, c == cols the totals column. Exposed for the property test.
bool Recoverable(const SuppressedTable& t, size_t r, size_t c);

}  // namespace peduli::stats
