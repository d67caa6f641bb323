#include "modules/stats/suppression.h"

#include <cmath>
#include <limits>
#include <utility>

namespace peduli::stats {
namespace {

// The extended grid: (rows + 1) x (cols + 1), the last row and column being the margins.
struct Grid {
  size_t rows, cols;
  std::vector<std::vector<int64_t>> v;
  std::vector<std::vector<bool>> hidden;
};

Grid ToGrid(const SuppressedTable& t) {
  Grid g{t.cells.size(), t.col_totals.size(), {}, {}};
  g.v.assign(g.rows + 1, std::vector<int64_t>(g.cols + 1, 0));
  g.hidden.assign(g.rows + 1, std::vector<bool>(g.cols + 1, false));
  for (size_t r = 0; r < g.rows; ++r) {
    for (size_t c = 0; c < g.cols; ++c) {
      g.v[r][c] = t.cells[r][c];
      g.hidden[r][c] = t.cell_hidden[r][c];
    }
    g.v[r][g.cols] = t.row_totals[r];
    g.hidden[r][g.cols] = t.row_hidden[r];
  }
  for (size_t c = 0; c < g.cols; ++c) {
    g.v[g.rows][c] = t.col_totals[c];
    g.hidden[g.rows][c] = t.col_hidden[c];
  }
  g.v[g.rows][g.cols] = t.total;
  g.hidden[g.rows][g.cols] = t.total_hidden;
  return g;
}

void FromGrid(const Grid& g, SuppressedTable* t) {
  for (size_t r = 0; r < g.rows; ++r) {
    for (size_t c = 0; c < g.cols; ++c) t->cell_hidden[r][c] = g.hidden[r][c];
    t->row_hidden[r] = g.hidden[r][g.cols];
  }
  for (size_t c = 0; c < g.cols; ++c) t->col_hidden[c] = g.hidden[g.rows][c];
  t->total_hidden = g.hidden[g.rows][g.cols];
}

// The equations over hidden unknowns, and for each hidden entry whether it is determined.
// Row equation r: sum_c x[r][c] - x[r][cols] = 0; column equation likewise. Only the hidden
// entries' coefficients matter (published ones move to the right-hand side).
std::vector<std::vector<bool>> Determined(const Grid& g) {
  std::vector<std::pair<size_t, size_t>> unknowns;
  std::vector<std::vector<int>> index(g.rows + 1, std::vector<int>(g.cols + 1, -1));
  for (size_t r = 0; r <= g.rows; ++r) {
    for (size_t c = 0; c <= g.cols; ++c) {
      if (g.hidden[r][c]) {
        index[r][c] = static_cast<int>(unknowns.size());
        unknowns.push_back({r, c});
      }
    }
  }
  const size_t n = unknowns.size();
  std::vector<std::vector<double>> m;
  for (size_t r = 0; r <= g.rows; ++r) {  // row equations
    std::vector<double> e(n, 0);
    bool any = false;
    for (size_t c = 0; c <= g.cols; ++c) {
      if (index[r][c] >= 0) {
        e[static_cast<size_t>(index[r][c])] = c == g.cols ? -1 : 1;
        any = true;
      }
    }
    if (any) m.push_back(std::move(e));
  }
  for (size_t c = 0; c <= g.cols; ++c) {  // column equations
    std::vector<double> e(n, 0);
    bool any = false;
    for (size_t r = 0; r <= g.rows; ++r) {
      if (index[r][c] >= 0) {
        e[static_cast<size_t>(index[r][c])] = r == g.rows ? -1 : 1;
        any = true;
      }
    }
    if (any) m.push_back(std::move(e));
  }
  // Reduced row echelon form; x_i is determined iff e_i is in the row space, i.e. some
  // reduced row has its only non-zero at i.
  const double eps = 1e-9;
  size_t lead = 0;
  std::vector<size_t> pivots;
  for (size_t col = 0; col < n && lead < m.size(); ++col) {
    size_t best = lead;
    for (size_t i = lead; i < m.size(); ++i) {
      if (std::fabs(m[i][col]) > std::fabs(m[best][col])) best = i;
    }
    if (std::fabs(m[best][col]) < eps) continue;
    std::swap(m[best], m[lead]);
    const double p = m[lead][col];
    for (double& x : m[lead]) x /= p;
    for (size_t i = 0; i < m.size(); ++i) {
      if (i == lead || std::fabs(m[i][col]) < eps) continue;
      const double f = m[i][col];
      for (size_t k = 0; k < n; ++k) m[i][k] -= f * m[lead][k];
    }
    pivots.push_back(col);
    ++lead;
  }
  std::vector<std::vector<bool>> out(g.rows + 1, std::vector<bool>(g.cols + 1, false));
  for (size_t i = 0; i < lead; ++i) {
    size_t nonzero = 0;
    for (size_t k = 0; k < n; ++k) {
      if (std::fabs(m[i][k]) > eps) ++nonzero;
    }
    if (nonzero == 1) {
      auto [r, c] = unknowns[pivots[i]];
      out[r][c] = true;
    }
  }
  return out;
}

// Hides the smallest published entry of row r (or column c when `column`) other than
// (r, c); cells before margins. False when nothing is left to hide there.
bool HideNeighbour(Grid& g, size_t r, size_t c, bool column) {
  size_t best_r = 0, best_c = 0;
  int64_t best = std::numeric_limits<int64_t>::max();
  bool best_margin = true, found = false;
  const size_t len = column ? g.rows + 1 : g.cols + 1;
  for (size_t i = 0; i < len; ++i) {
    size_t rr = column ? i : r, cc = column ? c : i;
    if ((rr == r && cc == c) || g.hidden[rr][cc]) continue;
    bool margin = rr == g.rows || cc == g.cols;
    if (!found || (best_margin && !margin) || (margin == best_margin && g.v[rr][cc] < best)) {
      best = g.v[rr][cc];
      best_r = rr;
      best_c = cc;
      best_margin = margin;
      found = true;
    }
  }
  if (found) g.hidden[best_r][best_c] = true;
  return found;
}

}  // namespace

SuppressedTable Suppress(const std::vector<std::vector<int64_t>>& cells, int64_t threshold) {
  SuppressedTable t;
  t.cells = cells;
  const size_t rows = cells.size(), cols = rows ? cells.front().size() : 0;
  t.row_totals.assign(rows, 0);
  t.col_totals.assign(cols, 0);
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < cols; ++c) {
      t.row_totals[r] += cells[r][c];
      t.col_totals[c] += cells[r][c];
      t.total += cells[r][c];
    }
  }
  t.cell_hidden.assign(rows, std::vector<bool>(cols, false));
  t.row_hidden.assign(rows, false);
  t.col_hidden.assign(cols, false);
  Grid g = ToGrid(t);
  auto small = [&](int64_t n) { return n > 0 && n < threshold; };
  for (size_t r = 0; r <= rows; ++r) {
    for (size_t c = 0; c <= cols; ++c) g.hidden[r][c] = small(g.v[r][c]);
  }
  for (;;) {
    auto det = Determined(g);
    bool changed = false;
    for (size_t r = 0; r <= rows && !changed; ++r) {
      for (size_t c = 0; c <= cols && !changed; ++c) {
        if (!g.hidden[r][c] || !det[r][c]) continue;
        // Recoverable: widen its row, else its column.
        changed = HideNeighbour(g, r, c, false) || HideNeighbour(g, r, c, true);
      }
    }
    if (!changed) break;
  }
  FromGrid(g, &t);
  return t;
}

bool Recoverable(const SuppressedTable& t, size_t r, size_t c) {
  Grid g = ToGrid(t);
  return g.hidden[r][c] && Determined(g)[r][c];
}

}  // namespace peduli::stats
