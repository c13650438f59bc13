// progsearch: the command-line front end. One file per subcommand; this one only dispatches.
#include <iostream>
#include <new>

#include "CLI/CLI.hpp"
#include "apps/audit_command.h"
#include "apps/batch_command.h"
#include "apps/compress_command.h"
#include "apps/report_command.h"
#include "apps/cli_common.h"
#include "apps/discover_command.h"
#include "apps/eval_command.h"
#include "apps/libm_command.h"
#include "apps/parse_command.h"
#include "apps/synth_command.h"
#include "apps/train_guide_command.h"
#include "apps/wake_sleep_command.h"
#include "gpu/device.h"

int main(int argc, char** argv) {
  using namespace progsearch::cli;
  CLI::App app{"progsearch: program search over a typed DSL (SyGuS tasks, math approximations)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("progsearch " PROGSEARCH_VERSION " (") + progsearch::gpu::DescribeAccelerator() + ")");

  ParseOptions parse;
  EvalOptions eval;
  SynthOptions synth;
  DiscoverOptions discover;
  LibmOptions libm;
  AuditOptions audit;
  CompressOptions compress;
  BatchCommandOptions batch;
  ReportOptions report;
  WakeSleepCommandOptions wake_sleep;
  TrainGuideOptions train_guide;
  AddParseCommand(app, parse);
  AddEvalCommand(app, eval);
  AddSynthCommand(app, synth);
  AddDiscoverCommand(app, discover);
  AddLibmCommand(app, libm);
  AddAuditCommand(app, audit);
  AddCompressCommand(app, compress);
  AddBatchCommand(app, batch);
  AddReportCommand(app, report);
  AddWakeSleepCommand(app, wake_sleep);
  AddTrainGuideCommand(app, train_guide);
  // The model records the command that made it.
  train_guide.command_line = "progsearch";
  for (int i = 1; i < argc; ++i) train_guide.command_line += " " + std::string(argv[i]);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitBadInput;
  }
  // Whatever escapes a subcommand is progsearch's own failure, never the user's.
  int code = kExitBadInput;
  try {
    if (app.got_subcommand("parse")) code = RunParse(parse);
    if (app.got_subcommand("eval")) code = RunEval(eval);
    if (app.got_subcommand("synth")) code = RunSynth(synth);
    if (app.got_subcommand("discover")) code = RunDiscover(discover);
    if (app.got_subcommand("libm")) code = RunLibm(libm);
    if (app.got_subcommand("audit-hash")) code = RunAudit(audit);
    if (app.got_subcommand("compress")) code = RunCompress(compress);
    if (app.got_subcommand("batch")) code = RunBatchCommand(batch);
    if (app.got_subcommand("report")) code = RunReport(report);
    if (app.got_subcommand("wake-sleep")) code = RunWakeSleepCommand(wake_sleep);
    if (app.got_subcommand("train-guide")) code = RunTrainGuide(train_guide);
  } catch (const std::bad_alloc&) {
    code = ReportError(absl::InternalError("out of memory (lower a budget such as --max-memory or --population)"));
  } catch (const std::exception& e) {
    code = ReportError(absl::InternalError(e.what()));
  }
  // Results that never reached standard output (a full disk, a closed pipe) are a failure, not a success.
  if (absl::Status s = FlushStandardOutput(); !s.ok()) {
    const int failed = ReportError(s);
    if (code == kExitOk) code = failed;
  }
  return code;
}
