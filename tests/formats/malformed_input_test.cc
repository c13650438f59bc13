// Malformed input gets a located message, never a crash.
#include <catch2/catch.hpp>
#include <regex>

#include "core/read_file.h"
#include "formats/sygus.h"
#include "tests/eval_helpers.h"

namespace progsearch {

namespace {

// Every error from the readers starts with FILE:LINE:COLUMN.
void ExpectLocatedError(const std::string& text, const std::string& needle, int line, int column) {
  auto task = ParseSygus(text, "bad.sl");
  INFO(text);
  REQUIRE_FALSE(task.ok());
  const std::string msg(task.status().message());
  INFO(msg);
  CHECK(task.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(msg.rfind("bad.sl:" + std::to_string(line) + ":" + std::to_string(column) + ": ", 0) == 0);
  CHECK(msg.find(needle) != std::string::npos);
}

const char* kHeader = "(set-logic SLIA)\n(synth-fun f ((x String)) String)\n";

}  // namespace

TEST_CASE("unknown operators and commands are reported where they stand", "[dsl][malformed]") {
  ExpectLocatedError(std::string(kHeader) + "(constraint (= (f \"a\") (str.frob \"a\")))",
                     "unknown operator 'str.frob'", 3, 25);
  ExpectLocatedError(std::string(kHeader) + "(synth-blah)", "unknown command 'synth-blah'", 3, 2);
  ExpectLocatedError(std::string(kHeader) + "(constraint (= (f y) \"a\"))", "unknown symbol 'y'", 3, 19);
  ExpectLocatedError("(set-logic LIA)\n(synth-inv inv ((x Int)))", "not supported", 2, 1);
}

TEST_CASE("wrong arity and wrong types are reported with the signature", "[dsl][malformed]") {
  ExpectLocatedError(std::string(kHeader) + "(constraint (= (f \"a\" \"b\") \"a\"))", "'f' expects (String)", 3, 16);
  ExpectLocatedError(std::string(kHeader) + "(constraint (= (str.len \"a\" \"b\") 1))", "str.len", 3, 16);
  ExpectLocatedError(std::string(kHeader) + "(constraint (= (f 1) \"a\"))", "(Int)", 3, 16);
  ExpectLocatedError(std::string(kHeader) + "(constraint (f \"a\"))", "must be Bool", 3, 13);
  ExpectLocatedError("(set-logic LIA)\n(define-fun g ((a Int)) Bool (+ a 1))", "has sort Int", 2, 30);
  ExpectLocatedError("(synth-fun f ((x Int)) Int ((Start Int) (B Bool)) ((Start Int (x B)) (B Bool (true))))",
                     "production has sort Bool", 1, 66);
}

TEST_CASE("bad literals and sorts are rejected", "[dsl][malformed]") {
  ExpectLocatedError("(synth-fun f ((x (_ BitVec 0))) Int)", "BitVec width", 1, 28);
  ExpectLocatedError("(synth-fun f ((x Strin)) Int)", "unknown sort 'Strin'", 1, 18);
  ExpectLocatedError("(synth-fun f ((x Int)) Int)\n(constraint (= (f 99999999999999999999) 1))", "does not fit", 2, 19);
  ExpectLocatedError("(synth-fun f ((x Int)) Int)\n(constraint (= (f #xq1) 1))", "hexadecimal", 2, 19);
  ExpectLocatedError("(synth-fun f ((x Int)) Int)\n(constraint (= (f 1.2.3) 1))", "malformed number", 2, 19);
  ExpectLocatedError("(synth-fun f ((x Int)) Int)\n(constraint (= (f \"open) 1))", "unterminated string", 2, 19);
  ExpectLocatedError("(synth-fun f ((x (_ BitVec 72))) Int)", "BitVec width", 1, 28);
  ExpectLocatedError("(declare-var x Int)\n(declare-var x Int)", "declared twice", 2, 14);
  ExpectLocatedError("(synth-fun f ((x Int)) Int)\n(synth-fun f ((x Int)) Int)", "already defined", 2, 12);
}

TEST_CASE("every truncation of real files is an error or a task, never a crash", "[dsl][malformed]") {
  std::vector<std::string> files = testing::SharedSygusFiles();
  REQUIRE_FALSE(files.empty());
  size_t errors = 0, cuts = 0;
  for (size_t k = 0; k < files.size(); k += 31) {
    auto text = ReadFileToString(files[k]);
    REQUIRE(text.ok());
    const size_t step = std::max<size_t>(1, text->size() / 97);
    for (size_t cut = 0; cut < text->size(); cut += step) {
      auto task = ParseSygus(std::string_view(*text).substr(0, cut), "cut.sl");
      ++cuts;
      if (!task.ok()) {
        ++errors;
        static const std::regex located("^cut\\.sl:[0-9]+:[0-9]+: .+");
        CHECK(std::regex_search(std::string(task.status().message()), located));
      }
    }
  }
  CHECK(cuts > 500);
  CHECK(errors > cuts / 2);  // most cuts land inside a command
}

TEST_CASE("a missing file is a clear error", "[dsl][malformed]") {
  auto task = ReadSygusFile("/nonexistent/task.sl");
  REQUIRE_FALSE(task.ok());
  CHECK(std::string(task.status().message()).find("/nonexistent/task.sl") != std::string::npos);
}

}  // namespace progsearch
