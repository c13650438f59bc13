// Numbers as a spreadsheet reads and writes them: the text of a number in the general format (TO_TEXT,
// "" & x), the numbers VALUE reads, TEXT's number formats and ROUND. A spreadsheet computes in doubles
// but shows at most 15 significant digits, and rounds what it shows half away from zero; so every
// rounding here starts from the double's 15-digit decimal form (2.675 rounds to 2.68, as it shows).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace progsearch::sheets {

// The general format: an integer without a point ("3", "-12"), other numbers with up to 15 significant
// digits and no trailing zeros ("0.333333333333333", "1.5"), and magnitudes from 1e15 or below 1e-9 in
// scientific form ("1.5E+20", "2E-10"). Non-finite input gives "#NUM!".
std::string GeneralText(double v);

// What VALUE reads: optional spaces, a sign, a currency sign ($ € £ ¥), digits with optional thousands
// commas (groups of three), a decimal point, an exponent (1e3), a trailing percent (divides by 100), or a
// number in parentheses (negative, as accountants write it). Empty text reads as 0. nullopt otherwise.
std::optional<double> ParseNumber(std::string_view text);

// ROUND(v, places): half away from zero at `places` decimals (negative: tens, hundreds...).
double Round(double v, int places);

// TEXT(v, format) for number formats: digit placeholders 0 (always shown) and # (shown when significant),
// a thousands comma between placeholders, a decimal point, a percent sign (scales by 100), and literal
// text around the number (a currency sign, "quoted text", \x escapes, spaces, - + ( ) / : and letters
// outside the placeholders). Examples: "0.00", "#,##0", "$#,##0.00", "0%", "000", "0.0 \"kg\"".
// nullopt for a format that has no digit placeholder, or more than one number section (date, time and
// conditional formats are not supported: the function then shows #VALUE!).
std::optional<std::string> FormatNumber(double v, std::string_view format);

}  // namespace progsearch::sheets
