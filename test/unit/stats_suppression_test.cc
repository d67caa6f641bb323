// Open statistics (issue 7): no published table lets a small cell be recomputed.
#include "modules/stats/suppression.h"

#include <gtest/gtest.h>

#include <random>

#include "modules/stats/service.h"

namespace peduli::stats {
namespace {

// Hidden flags of the extended table (margins as the last row and column).
bool Hidden(const SuppressedTable& t, size_t r, size_t c) {
  const size_t rows = t.cells.size(), cols = t.col_totals.size();
  if (r == rows && c == cols) return t.total_hidden;
  if (r == rows) return t.col_hidden[c];
  if (c == cols) return t.row_hidden[r];
  return t.cell_hidden[r][c];
}

int64_t Value(const SuppressedTable& t, size_t r, size_t c) {
  const size_t rows = t.cells.size(), cols = t.col_totals.size();
  if (r == rows && c == cols) return t.total;
  if (r == rows) return t.col_totals[c];
  if (c == cols) return t.row_totals[r];
  return t.cells[r][c];
}

TEST(StatsSuppression, RandomTablesPublishNothingRecoverable) {
  std::mt19937_64 rng(7);
  const int64_t threshold = 10;
  int tables_with_small = 0;
  for (int round = 0; round < 300; ++round) {
    const size_t rows = 1 + rng() % 8, cols = 1 + rng() % 7;
    std::vector<std::vector<int64_t>> cells(rows, std::vector<int64_t>(cols));
    for (auto& row : cells) {
      for (auto& v : row) {
        switch (rng() % 4) {
          case 0: v = 0; break;
          case 1: v = 1 + static_cast<int64_t>(rng() % 9); break;  // small
          default: v = 10 + static_cast<int64_t>(rng() % 500);
        }
      }
    }
    const SuppressedTable t = Suppress(cells, threshold);
    bool small = false;
    for (size_t r = 0; r <= rows; ++r) {
      for (size_t c = 0; c <= cols; ++c) {
        const int64_t v = Value(t, r, c);
        SCOPED_TRACE("round " + std::to_string(round) + " entry " + std::to_string(r) + "," +
                     std::to_string(c));
        // Primary: every small count is hidden.
        if (v > 0 && v < threshold) {
          small = true;
          EXPECT_TRUE(Hidden(t, r, c));
        }
        if (!Hidden(t, r, c)) continue;
        // Its row and its column (margins included) each hide at least one more entry, so
        // neither line alone gives it away...
        int in_row = 0, in_col = 0;
        for (size_t k = 0; k <= cols; ++k) in_row += Hidden(t, r, k);
        for (size_t k = 0; k <= rows; ++k) in_col += Hidden(t, k, c);
        EXPECT_GE(in_row, 2);
        EXPECT_GE(in_col, 2);
        // ...and no combination of published rows and columns does either.
        EXPECT_FALSE(Recoverable(t, r, c));
      }
    }
    tables_with_small += small;
  }
  EXPECT_GT(tables_with_small, 200);
}

TEST(StatsSuppression, LargeCountsAreAllPublished) {
  const SuppressedTable t = Suppress({{120, 40}, {15, 300}}, 10);
  EXPECT_FALSE(t.cell_hidden[0][0] || t.cell_hidden[0][1] || t.cell_hidden[1][0] ||
               t.cell_hidden[1][1] || t.total_hidden);
  EXPECT_EQ(t.total, 475);
  EXPECT_EQ(t.row_totals[1], 315);
}

TEST(StatsSuppression, OneSmallCellTakesAComplementInItsRowAndColumn) {
  const SuppressedTable t = Suppress({{3, 40, 50}, {60, 70, 80}, {90, 100, 110}}, 10);
  EXPECT_TRUE(t.cell_hidden[0][0]);
  int hidden = 0;
  for (const auto& row : t.cell_hidden) {
    for (bool h : row) hidden += h;
  }
  EXPECT_GE(hidden, 4);  // the classic rectangle
  EXPECT_FALSE(t.total_hidden);
}

TEST(StatsFilters, AgeBandsAndValidation) {
  EXPECT_EQ(AgeBandOf(2010, 2026), "0-17");
  EXPECT_EQ(AgeBandOf(2002, 2026), "18-24");
  EXPECT_EQ(AgeBandOf(1961, 2026), "65+");
  EXPECT_TRUE(ParseFilters({{"category", "pmi"}, {"age", "25-34"}, {"country", "MY"}}).ok());
  EXPECT_FALSE(ParseFilters({{"category", "spy"}}).ok());
  EXPECT_FALSE(ParseFilters({{"country", "<script>"}}).ok());
  EXPECT_FALSE(ParseFilters({{"days", "5"}}).ok());
  auto f = ParseFilters({{"mission", "KBRI-KUALA-LUMPUR"}, {"sex", "P"}});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->Pairs().size(), 2u);
}

}  // namespace
}  // namespace peduli::stats
