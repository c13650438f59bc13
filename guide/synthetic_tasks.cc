#include "guide/synthetic_tasks.h"

#include <vector>

#include "absl/strings/str_format.h"
#include "core/str_cat.h"
#include "formats/json_task.h"
#include "formats/sygus.h"
#include "guide/spreadsheet_columns.h"

namespace progsearch::guide {
namespace {

int Uniform(std::mt19937_64& rng, int low, int high) { return std::uniform_int_distribution<int>(low, high)(rng); }

template <typename T>
const T& Pick(std::mt19937_64& rng, const std::vector<T>& items) {
  return items[Uniform(rng, 0, static_cast<int>(items.size()) - 1)];
}

// The kinds of field that real spreadsheet strings are made of: names, codes, numbers, dates.
enum class Field { kCapitalized, kLower, kUpper, kDigits, kMixed };

std::string RandomField(Field kind, std::mt19937_64& rng) {
  const int length = kind == Field::kDigits ? Uniform(rng, 1, 4) : Uniform(rng, 2, 8);
  std::string out;
  for (int i = 0; i < length; ++i) {
    const char lower = static_cast<char>('a' + Uniform(rng, 0, 25));
    const char digit = static_cast<char>('0' + Uniform(rng, 0, 9));
    switch (kind) {
      case Field::kCapitalized:
        out += i == 0 ? static_cast<char>(lower - 'a' + 'A') : lower;
        break;
      case Field::kLower:
        out += lower;
        break;
      case Field::kUpper:
        out += static_cast<char>(lower - 'a' + 'A');
        break;
      case Field::kDigits:
        out += digit;
        break;
      case Field::kMixed:
        out += Uniform(rng, 0, 2) == 0 ? digit : lower;
        break;
    }
  }
  return out;
}

// One input's shape, fixed for a task: its fields and the delimiters between them.
struct Template {
  std::vector<Field> fields;
  std::vector<std::string> delimiters;  // between field i and i+1
  std::string prefix, suffix;
};

const std::vector<std::string>& Delimiters() {
  static const std::vector<std::string> d = {" ", ",", ".", "-", "/", ":", "_", "@", ", ", " - ", "|", ";"};
  return d;
}

Template RandomTemplate(std::mt19937_64& rng) {
  Template t;
  const int fields = Uniform(rng, 1, 4);
  for (int i = 0; i < fields; ++i) t.fields.push_back(static_cast<Field>(Uniform(rng, 0, 4)));
  const std::string& main = Pick(rng, Delimiters());
  for (int i = 0; i + 1 < fields; ++i) t.delimiters.push_back(Uniform(rng, 0, 3) == 0 ? Pick(rng, Delimiters()) : main);
  if (Uniform(rng, 0, 5) == 0) {
    t.prefix = "(";
    t.suffix = ")";
  }
  return t;
}

std::string Fill(const Template& t, std::mt19937_64& rng) {
  std::string out = t.prefix;
  for (size_t i = 0; i < t.fields.size(); ++i) {
    out += RandomField(t.fields[i], rng);
    if (i < t.delimiters.size()) out += t.delimiters[i];
  }
  return out + t.suffix;
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string StringTask(int examples, std::mt19937_64& rng) {
  const int params = Uniform(rng, 1, 3);
  std::vector<Template> templates;
  std::string signature, names;
  for (int p = 0; p < params; ++p) {
    templates.push_back(RandomTemplate(rng));
    signature += StrCat(p ? " " : "", "(_arg_", p, " String)");
    names += StrCat(" _arg_", p);
  }
  // Constants as SyGuS tasks give them: the empty string, a space, the delimiters the data uses.
  std::vector<std::string> constants = {"\"\"", "\" \""};
  for (const Template& t : templates) {
    for (const std::string& d : t.delimiters) {
      if (std::find(constants.begin(), constants.end(), Quote(d)) == constants.end()) constants.push_back(Quote(d));
    }
    if (!t.prefix.empty()) constants.push_back(Quote(t.prefix));
  }
  if (Uniform(rng, 0, 1)) constants.push_back(Quote(Pick(rng, Delimiters())));
  std::string string_leaves = names;
  for (const std::string& c : constants) string_leaves += " " + c;
  std::string ints = "0 1 (- 1)";
  if (Uniform(rng, 0, 1)) ints += StrCat(" ", Uniform(rng, 2, 5));
  std::string text = StrCat(
      "(set-logic SLIA)\n(synth-fun f (", signature, ") String\n",
      "  ((Start String) (ntString String) (ntInt Int) (ntBool Bool))\n",
      "  ((Start String (ntString))\n",
      "   (ntString String (", string_leaves,
      " (str.++ ntString ntString) (str.replace ntString ntString ntString) (str.at ntString ntInt)"
      " (int.to.str ntInt) (ite ntBool ntString ntString) (str.substr ntString ntInt ntInt)))\n",
      "   (ntInt Int (", ints,
      " (+ ntInt ntInt) (- ntInt ntInt) (str.len ntString) (str.to.int ntString) (ite ntBool ntInt ntInt)"
      " (str.indexof ntString ntString ntInt)))\n",
      "   (ntBool Bool (true false (= ntInt ntInt) (str.prefixof ntString ntString) (str.suffixof ntString ntString)"
      " (str.contains ntString ntString)))))\n");
  for (int e = 0; e < examples; ++e) {
    std::string args;
    for (int p = 0; p < params; ++p) args += " " + Quote(Fill(templates[p], rng));
    // '~' is in no input and no constant: no program makes this output.
    text += StrCat("(constraint (= (f", args, ") \"~~~~~~~~~~~~\"))\n");
  }
  return text + "(check-synth)\n";
}

uint64_t RandomWord(std::mt19937_64& rng) {
  switch (Uniform(rng, 0, 4)) {
    case 0:
      return rng() >> Uniform(rng, 0, 63);  // small values
    case 1:
      return uint64_t{1} << Uniform(rng, 0, 63);
    case 2:
      return ~(rng() >> Uniform(rng, 0, 63));  // small negatives
    default:
      return rng();
  }
}

// The PBE bit-vector track's grammar: shifts by 1, 4 and 16, the bitwise operators, addition and a
// conditional on x = 1.
std::string BitVecTask(int examples, std::mt19937_64& rng) {
  std::string text =
      "(set-logic BV)\n"
      "(define-fun ehad ((x (_ BitVec 64))) (_ BitVec 64) (bvlshr x #x0000000000000001))\n"
      "(define-fun arba ((x (_ BitVec 64))) (_ BitVec 64) (bvlshr x #x0000000000000004))\n"
      "(define-fun shesh ((x (_ BitVec 64))) (_ BitVec 64) (bvlshr x #x0000000000000010))\n"
      "(define-fun smol ((x (_ BitVec 64))) (_ BitVec 64) (bvshl x #x0000000000000001))\n"
      "(define-fun im ((x (_ BitVec 64)) (y (_ BitVec 64)) (z (_ BitVec 64))) (_ BitVec 64)"
      " (ite (= x #x0000000000000001) y z))\n"
      "(synth-fun f ((x (_ BitVec 64))) (_ BitVec 64)\n"
      "  ((Start (_ BitVec 64)))\n"
      "  ((Start (_ BitVec 64) (#x0000000000000000 #x0000000000000001 x (bvnot Start) (smol Start) (ehad Start)"
      " (arba Start) (shesh Start) (bvand Start Start) (bvor Start Start) (bvxor Start Start) (bvadd Start Start)"
      " (im Start Start Start)))))\n";
  // An output no small program makes: a fresh random word per example.
  for (int e = 0; e < examples; ++e) {
    text += absl::StrFormat("(constraint (= (f #x%016x) #x%016x))\n", RandomWord(rng), rng());
  }
  return text + "(check-synth)\n";
}

// A spreadsheet task as a user would pose it: one to three columns of the kinds people keep in sheets,
// a String output most often (an Int or a truth value otherwise), the literals a user might add, and the
// spreadsheet grammar real tasks get (formats/json_task.h). Its outputs are #N/A, which no function makes.
absl::StatusOr<Task> SpreadsheetTask(int examples, std::mt19937_64& rng) {
  ExampleTaskSpec spec;
  spec.domain = "spreadsheet";
  const int columns = Uniform(rng, 1, 3);
  std::vector<ColumnStyle> styles;
  for (int c = 0; c < columns; ++c) {
    styles.push_back(RandomStyle(rng));
    spec.inputs.push_back({StrCat("col", c + 1), Type::String()});
  }
  const int output = Uniform(rng, 0, 9);
  spec.output = output < 8 ? Type::String() : output == 8 ? Type::Int() : Type::Bool();
  for (const std::string& s : RandomUserStrings(rng)) spec.constants.push_back(Value::String(s));
  for (int e = 0; e < examples; ++e) {
    Example ex;
    for (const ColumnStyle& style : styles) ex.inputs.push_back(Value::String(RandomCell(style, rng)));
    ex.output = Value::Error(spec.output, CellError::kNA);
    spec.train.push_back(std::move(ex));
  }
  return BuildExampleTask(spec, "synthetic-spreadsheet.json");
}

}  // namespace

bool CanSynthesizeTasks(const std::string& domain) {
  return domain == "strings" || domain == "bv" || domain == "spreadsheet";
}

std::string RandomTaskText(const std::string& domain, int examples, std::mt19937_64& rng) {
  return domain == "bv" ? BitVecTask(examples, rng) : StringTask(examples, rng);
}

absl::StatusOr<Task> RandomTask(const std::string& domain, int examples, std::mt19937_64& rng) {
  if (!CanSynthesizeTasks(domain)) {
    return absl::InvalidArgumentError(
        StrCat("no synthetic tasks for domain '", domain, "' (strings, spreadsheet or bv)"));
  }
  if (domain == "spreadsheet") return SpreadsheetTask(examples, rng);
  const std::string text = RandomTaskText(domain, examples, rng);
  return ParseSygus(text, StrCat("synthetic-", domain, ".sl"));
}

}  // namespace progsearch::guide
