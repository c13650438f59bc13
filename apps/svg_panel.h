// Pieces of the SVG plots the CLI writes (discover's error plot, batch reports' cactus plot): a panel
// mapping data to picture coordinates, a polyline and a labelled frame.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace progsearch::cli {

struct Panel {
  double x0, y0, width, height;   // in SVG units
  double lo_x, hi_x, lo_y, hi_y;  // data ranges
  double X(double x) const { return x0 + (x - lo_x) / (hi_x - lo_x) * width; }
  double Y(double y) const { return y0 + height - (y - lo_y) / (hi_y - lo_y) * height; }
};

// The points (those with a finite y) joined in order.
std::string Polyline(const Panel& p, const std::vector<std::pair<double, double>>& points, const char* color,
                     const char* dash = "none");

// The panel's border, a title above it, the x label below it, and the y range's ends on the left.
std::string Frame(const Panel& p, const std::string& title, const std::string& x_label, const std::string& y_low,
                  const std::string& y_high);

// `text` with &, < and > escaped for SVG.
std::string SvgEscape(const std::string& text);

}  // namespace progsearch::cli
