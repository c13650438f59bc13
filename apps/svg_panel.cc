#include "apps/svg_panel.h"

#include <cmath>

#include "absl/strings/str_format.h"
#include "core/str_cat.h"

namespace progsearch::cli {

std::string Polyline(const Panel& p, const std::vector<std::pair<double, double>>& points, const char* color,
                     const char* dash) {
  std::string s = absl::StrFormat(
      "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" stroke-dasharray=\"%s\" points=\"", color, dash);
  for (const auto& [x, y] : points) {
    if (std::isfinite(y)) StrAppend(&s, absl::StrFormat("%.1f,%.1f ", p.X(x), p.Y(y)));
  }
  return s + "\"/>\n";
}

std::string Frame(const Panel& p, const std::string& title, const std::string& x_label, const std::string& y_low,
                  const std::string& y_high) {
  return absl::StrFormat(
      "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\"/>\n"
      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"14\">%s</text>\n"
      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s</text>\n"
      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n"
      "<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
      p.x0, p.y0, p.width, p.height, p.x0, p.y0 - 8, title, p.x0 + p.width / 2, p.y0 + p.height + 18, x_label, p.x0 - 4,
      p.y0 + p.height, y_low, p.x0 - 4, p.y0 + 10, y_high);
}

std::string SvgEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace progsearch::cli
