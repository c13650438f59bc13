// Random spreadsheet columns for training the guide on spreadsheet practice: the kinds of text people keep
// in sheets (names with titles and initials, e-mail addresses, URLs, file paths, dates and times in
// several formats, phone numbers, street addresses, product codes, prices, quantities with units,
// sentences, yes/no and status words, numbers as text). Every vocabulary and format here was written for
// this project; nothing comes from a benchmark task.
#pragma once

#include <random>
#include <string>
#include <vector>

namespace progsearch::guide {

// One kind of column. A column keeps its kind and format for all of a task's rows, as a sheet's column
// does (every date in a column is written the same way).
enum class ColumnKind {
  kPerson,
  kFirstName,
  kLastName,
  kEmail,
  kUrl,
  kPath,
  kDate,
  kTime,
  kPhone,
  kAddress,
  kProductCode,
  kPrice,
  kQuantity,
  kSentence,
  kStatus,
  kNumberText,
};
inline constexpr int kColumnKinds = 16;

// A column's kind and its format (one of the kind's ways of writing a value), drawn once per column.
struct ColumnStyle {
  ColumnKind kind;
  int format;
};

ColumnStyle RandomStyle(std::mt19937_64& rng);
// One cell of a column of that style.
std::string RandomCell(const ColumnStyle& style, std::mt19937_64& rng);
// Literals a user might give with such a task ("Dr.", " kg", "N/A", "0.00", ...): a few per task.
std::vector<std::string> RandomUserStrings(std::mt19937_64& rng);

}  // namespace progsearch::guide
