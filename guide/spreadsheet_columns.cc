#include "guide/spreadsheet_columns.h"

#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/str_format.h"

namespace progsearch::guide {
namespace {

int Uniform(std::mt19937_64& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

const std::string& Pick(std::mt19937_64& rng, const std::vector<std::string>& items) {
  return items[Uniform(rng, 0, static_cast<int>(items.size()) - 1)];
}

const std::vector<std::string> kFirst = {
    "Amara", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Keiko", "Liam",
    "Maya", "Nikolai", "Olga", "Pablo", "Quinn", "Rosa", "Sanjay", "Tomas", "Uma", "Victor", "Wen", "Ximena",
    "Yusuf", "Zara", "Arjun", "Beatriz", "Connor", "Dalia", "Emil", "Fatima", "Gustav", "Hana", "Ivan", "Julia"};
const std::vector<std::string> kLast = {
    "Okafor", "Lindqvist", "Moreau", "Petrov", "Haddad", "Nakamura", "Silva", "Kowalski", "Brennan", "Ortega",
    "Schmidt", "Rossi", "Varga", "Dubois", "Chen", "Novak", "Alvarez", "Fischer", "Kaur", "Mensah", "Jensen",
    "Popescu", "Yilmaz", "Santos", "Ivanova", "OConnor", "Bauer", "Costa", "Weber", "Tanaka", "Hughes", "Lund"};
const std::vector<std::string> kTitles = {"Dr.", "Mr.", "Ms.", "Mrs.", "Prof.", "Sir", "Dame"};
const std::vector<std::string> kMailHosts = {"gmail.com", "outlook.com", "example.org", "uni.edu", "corp.co.uk",
                                             "mail.net", "acme.io", "city.gov"};
const std::vector<std::string> kWords = {
    "report", "budget", "photos", "notes", "draft", "invoice", "backup", "music", "data", "slides", "summary",
    "plan", "archive", "config", "index", "readme", "orders", "users", "export", "images"};
const std::vector<std::string> kExtensions = {"txt", "pdf", "csv", "xlsx", "docx", "png", "jpg", "md", "json", "zip"};
const std::vector<std::string> kSites = {"shop", "news", "blog", "docs", "maps", "travel", "bank", "school", "games"};
const std::vector<std::string> kTlds = {"com", "org", "net", "io", "de", "co.uk", "fr", "edu"};
const std::vector<std::string> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
const std::vector<std::string> kStreets = {"Main", "Oak", "Maple", "Cedar", "Park", "Lake", "Hill", "River", "Elm"};
const std::vector<std::string> kStreetTypes = {"St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Lane"};
const std::vector<std::string> kCities = {"Springfield", "Riverton", "Lakewood", "Fairview", "Greenville",
                                          "Madison", "Clinton", "Franklin", "Georgetown", "Salem"};
const std::vector<std::string> kStates = {"CA", "NY", "TX", "IL", "WA", "OR", "MA", "FL", "CO", "GA"};
const std::vector<std::string> kUnits = {"kg", "g", "lb", "km", "m", "cm", "mi", "L", "ml", "pcs", "oz", "h"};
const std::vector<std::string> kSentenceWords = {
    "the",  "order", "was",   "shipped", "late", "please", "call", "back", "meeting", "moved", "to",   "friday",
    "new",  "price", "list",  "for",     "all",  "stores", "sent", "via",  "email",   "room",  "is", "booked",
    "team", "lunch", "today", "check",   "the",  "totals", "again"};
const std::vector<std::string> kStatus = {"yes",    "no",   "Y",       "N",        "TRUE",  "FALSE", "active",
                                          "inactive", "pending", "done", "open", "closed", "paid", "unpaid"};

std::string Digits(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + Uniform(rng, 0, 9));
  return s;
}
std::string Letters(std::mt19937_64& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('A' + Uniform(rng, 0, 25));
  return s;
}
std::string Money(std::mt19937_64& rng, bool cents) {
  const int whole = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 1000, 99999) : Uniform(rng, 0, 999);
  std::string text = std::to_string(whole);
  if (whole >= 1000 && Uniform(rng, 0, 1)) text = text.substr(0, text.size() - 3) + "," + text.substr(text.size() - 3);
  if (cents) text += "." + Digits(rng, 2);
  return text;
}

std::string Person(int format, std::mt19937_64& rng) {
  const std::string& first = Pick(rng, kFirst);
  const std::string& last = Pick(rng, kLast);
  const std::string middle = std::string(1, Pick(rng, kFirst)[0]);
  switch (format) {
    case 0:
      return first + " " + last;
    case 1:
      return first + " " + middle + ". " + last;
    case 2:
      return Pick(rng, kTitles) + " " + first + " " + last;
    case 3:
      return last + ", " + first;
    case 4:
      return std::string(1, first[0]) + ". " + last;
    case 5:
      return absl::AsciiStrToLower(first + " " + last);
    default:
      return absl::AsciiStrToUpper(first + " " + last);
  }
}

std::string Email(int format, std::mt19937_64& rng) {
  const std::string first = absl::AsciiStrToLower(Pick(rng, kFirst));
  const std::string last = absl::AsciiStrToLower(Pick(rng, kLast));
  const std::string& host = Pick(rng, kMailHosts);
  switch (format) {
    case 0:
      return first + "." + last + "@" + host;
    case 1:
      return first.substr(0, 1) + last + "@" + host;
    case 2:
      return first + "_" + last + Digits(rng, Uniform(rng, 1, 3)) + "@" + host;
    default:
      return Pick(rng, kFirst) + "." + Pick(rng, kLast) + "@" + absl::AsciiStrToUpper(host);
  }
}

std::string Url(int format, std::mt19937_64& rng) {
  const std::string host = Pick(rng, kSites) + Digits(rng, Uniform(rng, 0, 1)) + "." + Pick(rng, kTlds);
  const std::string path = Pick(rng, kWords) + (Uniform(rng, 0, 1) ? "/" + Pick(rng, kWords) : "");
  switch (format) {
    case 0:
      return "https://www." + host + "/" + path;
    case 1:
      return "http://" + host;
    case 2:
      return host + "/" + path + "?id=" + Digits(rng, Uniform(rng, 1, 5));
    default:
      return "https://" + host + "/" + path + "." + Pick(rng, {"html", "php", "aspx"});
  }
}

std::string Path(int format, std::mt19937_64& rng) {
  const std::string user = absl::AsciiStrToLower(Pick(rng, kFirst));
  const std::string file = Pick(rng, kWords) + (Uniform(rng, 0, 2) == 0 ? "_" + Digits(rng, 4) : "") + "." +
                           Pick(rng, kExtensions);
  switch (format) {
    case 0:
      return "/home/" + user + "/" + Pick(rng, kWords) + "/" + file;
    case 1:
      return "C:\\Users\\" + user + "\\" + Pick(rng, kWords) + "\\" + file;
    case 2:
      return Pick(rng, kWords) + "/" + file;
    default:
      return file;
  }
}

std::string Date(int format, std::mt19937_64& rng) {
  const int year = Uniform(rng, 1950, 2030), month = Uniform(rng, 1, 12), day = Uniform(rng, 1, 28);
  const std::string& name = kMonths[month - 1];
  switch (format) {
    case 0:
      return absl::StrFormat("%04d-%02d-%02d", year, month, day);
    case 1:
      return absl::StrFormat("%02d/%02d/%04d", month, day, year);
    case 2:
      return absl::StrFormat("%d/%d/%04d", day, month, year);
    case 3:
      return absl::StrFormat("%s %d, %04d", name, day, year);
    case 4:
      return absl::StrFormat("%d %s %04d", day, name.substr(0, 3), year);
    case 5:
      return absl::StrFormat("%04d/%02d/%02d", year, month, day);
    default:
      return absl::StrFormat("%04d-%02d-%02d %02d:%02d", year, month, day, Uniform(rng, 0, 23), Uniform(rng, 0, 59));
  }
}

std::string Time(int format, std::mt19937_64& rng) {
  const int hour = Uniform(rng, 0, 23), minute = Uniform(rng, 0, 59), second = Uniform(rng, 0, 59);
  switch (format) {
    case 0:
      return absl::StrFormat("%02d:%02d", hour, minute);
    case 1:
      return absl::StrFormat("%d:%02d %s", hour % 12 == 0 ? 12 : hour % 12, minute, hour < 12 ? "AM" : "PM");
    default:
      return absl::StrFormat("%02d:%02d:%02d", hour, minute, second);
  }
}

std::string Phone(int format, std::mt19937_64& rng) {
  const std::string area = Digits(rng, 3), mid = Digits(rng, 3), last = Digits(rng, 4);
  switch (format) {
    case 0:
      return "(" + area + ") " + mid + "-" + last;
    case 1:
      return area + "-" + mid + "-" + last;
    case 2:
      return area + "." + mid + "." + last;
    default:
      return "+" + Digits(rng, Uniform(rng, 1, 2)) + " " + area + " " + mid + " " + last;
  }
}

std::string Address(int format, std::mt19937_64& rng) {
  const std::string street = std::to_string(Uniform(rng, 1, 9999)) + " " + Pick(rng, kStreets) + " " +
                             Pick(rng, kStreetTypes);
  switch (format) {
    case 0:
      return street;
    case 1:
      return street + ", " + Pick(rng, kCities);
    default:
      return street + ", " + Pick(rng, kCities) + ", " + Pick(rng, kStates) + " " + Digits(rng, 5);
  }
}

std::string ProductCode(int format, std::mt19937_64& rng) {
  switch (format) {
    case 0:
      return Letters(rng, 2) + "-" + Digits(rng, 4);
    case 1:
      return Letters(rng, 3) + "-" + Digits(rng, 3) + "-" + Letters(rng, 1);
    case 2:
      return "SKU" + Digits(rng, 5);
    default:
      return std::to_string(Uniform(rng, 2015, 2030)) + "-" + Letters(rng, 3) + "-" + Digits(rng, 4);
  }
}

std::string Price(int format, std::mt19937_64& rng) {
  switch (format) {
    case 0:
      return "$" + Money(rng, true);
    case 1:
      return "$" + Money(rng, false);
    case 2:
      return "\u20ac" + Money(rng, true);
    default:
      return Money(rng, true) + " " + Pick(rng, {"USD", "EUR", "GBP"});
  }
}

std::string Quantity(int format, std::mt19937_64& rng) {
  const std::string amount = Uniform(rng, 0, 2) == 0 ? std::to_string(Uniform(rng, 0, 99)) + "." + Digits(rng, 1)
                                                     : std::to_string(Uniform(rng, 1, 999));
  switch (format) {
    case 0:
      return amount + " " + Pick(rng, kUnits);
    case 1:
      return amount + Pick(rng, kUnits);
    default:
      return std::to_string(Uniform(rng, 1, 12)) + " x " + std::to_string(Uniform(rng, 1, 500)) + " " +
             Pick(rng, kUnits);
  }
}

std::string Sentence(int format, std::mt19937_64& rng) {
  std::string s;
  const int words = Uniform(rng, 2, 7);
  for (int i = 0; i < words; ++i) s += (i ? " " : "") + Pick(rng, kSentenceWords);
  if (format == 0) s[0] = static_cast<char>(absl::ascii_toupper(static_cast<unsigned char>(s[0])));
  if (format == 1) s += ".";
  if (format == 2) s = absl::AsciiStrToUpper(s);
  return s;
}

std::string NumberText(int format, std::mt19937_64& rng) {
  switch (format) {
    case 0:
      return std::to_string(Uniform(rng, -50, 5000));
    case 1:
      return std::to_string(Uniform(rng, 0, 999)) + "." + Digits(rng, Uniform(rng, 1, 3));
    case 2:
      return Money(rng, false);
    default:
      return std::to_string(Uniform(rng, 0, 100)) + "%";
  }
}

// How many formats each kind has (RandomStyle draws one).
int Formats(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kPerson:
    case ColumnKind::kDate:
      return 7;
    case ColumnKind::kEmail:
    case ColumnKind::kUrl:
    case ColumnKind::kPath:
    case ColumnKind::kPhone:
    case ColumnKind::kProductCode:
    case ColumnKind::kPrice:
    case ColumnKind::kNumberText:
      return 4;
    case ColumnKind::kTime:
    case ColumnKind::kAddress:
    case ColumnKind::kQuantity:
    case ColumnKind::kSentence:
      return 3;
    case ColumnKind::kFirstName:
    case ColumnKind::kLastName:
    case ColumnKind::kStatus:
      return 2;
  }
  return 1;
}

}  // namespace

ColumnStyle RandomStyle(std::mt19937_64& rng) {
  const auto kind = static_cast<ColumnKind>(Uniform(rng, 0, kColumnKinds - 1));
  return {kind, Uniform(rng, 0, Formats(kind) - 1)};
}

std::string RandomCell(const ColumnStyle& style, std::mt19937_64& rng) {
  switch (style.kind) {
    case ColumnKind::kPerson:
      return Person(style.format, rng);
    case ColumnKind::kFirstName:
      return style.format ? absl::AsciiStrToLower(Pick(rng, kFirst)) : Pick(rng, kFirst);
    case ColumnKind::kLastName:
      return style.format ? absl::AsciiStrToUpper(Pick(rng, kLast)) : Pick(rng, kLast);
    case ColumnKind::kEmail:
      return Email(style.format, rng);
    case ColumnKind::kUrl:
      return Url(style.format, rng);
    case ColumnKind::kPath:
      return Path(style.format, rng);
    case ColumnKind::kDate:
      return Date(style.format, rng);
    case ColumnKind::kTime:
      return Time(style.format, rng);
    case ColumnKind::kPhone:
      return Phone(style.format, rng);
    case ColumnKind::kAddress:
      return Address(style.format, rng);
    case ColumnKind::kProductCode:
      return ProductCode(style.format, rng);
    case ColumnKind::kPrice:
      return Price(style.format, rng);
    case ColumnKind::kQuantity:
      return Quantity(style.format, rng);
    case ColumnKind::kSentence:
      return Sentence(style.format, rng);
    case ColumnKind::kStatus:
      return style.format ? absl::AsciiStrToUpper(Pick(rng, kStatus)) : Pick(rng, kStatus);
    case ColumnKind::kNumberText:
      return NumberText(style.format, rng);
  }
  return "";
}

std::vector<std::string> RandomUserStrings(std::mt19937_64& rng) {
  static const std::vector<std::string> kPool = {"Dr.", " kg", "N/A", "0.00", "000", "#,##0", "0%", "Mr. ",
                                                 "@",   "https://", ".com", "yes", "no", "ID-", " - ", "00"};
  std::vector<std::string> out;
  for (int k = Uniform(rng, 0, 2); k > 0; --k) out.push_back(Pick(rng, kPool));
  return out;
}

}  // namespace progsearch::guide
