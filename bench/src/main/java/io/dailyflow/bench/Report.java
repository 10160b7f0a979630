package io.dailyflow.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes BENCHMARKS.md from what bench/run.sh left in its work directory: machine.txt,
 * startup.tsv (service, ms to ready), idle.tsv (service, RSS kB), samples.tsv (epoch ms, service,
 * RSS kB, CPU ticks), results.jsonl (one scenario per line: id, title, target, t0, t1, result),
 * jmh.txt.
 */
final class Report {

  private static final double TICKS_PER_SECOND = 100.0;

  private Report() {
  }

  record Sample(long at, String service, long rssKb, long ticks) {
  }

  static int run(Args args) throws Exception {
    Path dir = Path.of(args.required("dir"));
    Path out = Path.of(args.required("out"));
    List<Sample> samples = new ArrayList<>();
    for (String line : lines(dir.resolve("samples.tsv"))) {
      String[] f = line.split("\t");
      if (f.length == 4) {
        samples.add(new Sample(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]),
            Long.parseLong(f[3])));
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("# DailyFlow benchmarks\n\n")
        .append("Written by `bench/run.sh` (see bench/README.md). Do not edit by hand: rerun the ")
        .append("command.\n\n");
    md.append("## Machine and run\n\n```\n").append(Files.readString(dir.resolve("machine.txt")))
        .append("```\n\n");
    md.append(summaryTable(dir, samples));
    md.append(startupTable(dir, samples));
    md.append(detailSections(dir, samples));
    Path jmh = dir.resolve("jmh.txt");
    if (Files.exists(jmh)) {
      md.append("## JMH microbenchmarks (average time per operation)\n\n```\n");
      List<String> jmhLines = lines(jmh);
      boolean table = false;
      for (String line : jmhLines) {
        if (line.startsWith("Benchmark ")) {
          table = true;
        }
        if (table) {
          md.append(line).append('\n');
        }
      }
      md.append("```\n\n");
    }
    Path notes = dir.resolve("notes.md");
    if (Files.exists(notes)) {
      md.append(Files.readString(notes));
    }
    Files.writeString(out, md.toString());
    return 0;
  }

  private static String summaryTable(Path dir, List<Sample> samples) throws Exception {
    StringBuilder md = new StringBuilder("## Scenarios\n\n")
        .append("Latency is measured by the open-model generator from each request's intended ")
        .append("send time (no coordinated omission). CPU is the share of one core used by each ")
        .append("process during the scenario (200% = both cores), and in brackets the CPU time ")
        .append("that process spent per successful request (warm-up requests included, as ")
        .append("the CPU samples cover them); RSS is the peak during it.\n\n")
        .append("| # | scenario | target | achieved | p50 ms | p99 ms | p99.9 ms | errors | ")
        .append("peak RSS MB per process | CPU per process | load avg (1m) |\n")
        .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String line : lines(dir.resolve("results.jsonl"))) {
      JsonObject s = new JsonObject(line);
      for (JsonObject r : results(s)) {
        md.append("| ").append(s.getString("id")).append(" | ").append(s.getString("title"))
            .append(r.containsKey("label") ? " — " + r.getString("label") : "").append(" | ")
            .append(s.getString("target")).append(" | ")
            .append(achieved(r)).append(" | ")
            .append(r.getValue("p50_ms", "")).append(" | ")
            .append(r.getValue("p99_ms", "")).append(" | ")
            .append(r.getValue("p999_ms", "")).append(" | ")
            .append(errors(r)).append(" | ")
            .append(rss(samples, s)).append(" | ")
            .append(cpu(samples, s, r.getLong("ok", 0L) + r.getLong("warm_up_ok", 0L)))
            .append(" | ")
            .append(s.getString("load", "")).append(" |\n");
      }
    }
    return md.append('\n').toString();
  }

  private static String achieved(JsonObject r) {
    if (r.containsKey("achieved_rps")) {
      long warmUp = r.getLong("warm_up_s", 0L);
      return r.getValue("achieved_rps") + " req/s (of " + r.getValue("sent") + " sent"
          + (warmUp > 0 ? ", after " + warmUp + " s at the rate not measured" : "") + ")";
    }
    if (r.containsKey("avg_recorded_rps")) {
      return (r.containsKey("last_window_of_intake_rps")
          ? r.getValue("last_window_of_intake_rps") + "/s recorded over the intake's last "
              + r.getValue("sustain_s") + " s; backlog when it ended "
              + r.getValue("backlog_at_intake_end") + ", all recorded "
              + r.getValue("seconds_after_intake_end") + " s later; " : "")
          + r.getValue("recorded") + " recorded in " + r.getValue("seconds_to_all_recorded")
          + " s (" + r.getValue("avg_recorded_rps") + "/s from start to last); best 10 s "
          + r.getValue("best_window_recorded_rps") + "/s"
          + (r.containsKey("best_sustained_recorded_rps")
              ? ", best " + r.getValue("sustain_s") + " s "
                  + r.getValue("best_sustained_recorded_rps") + "/s (with catching up)" : "");
    }
    if (r.containsKey("releases")) {
      return r.getValue("releases") + " releases measured";
    }
    if (r.containsKey("reads")) {
      return r.getValue("reads") + " sequential uncached reads";
    }
    if (r.containsKey("requests_per_sec")) {
      return r.getValue("requests_per_sec") + " req/s (wrk, closed model)";
    }
    return "";
  }

  private static String errors(JsonObject r) {
    Object errors = r.getValue("errors", "");
    JsonObject detail = r.getJsonObject("error_detail");
    return detail == null || detail.isEmpty() ? String.valueOf(errors)
        : errors + " " + detail.encode().replace("|", "/");
  }

  private static List<JsonObject> results(JsonObject s) {
    Object result = s.getValue("result");
    List<JsonObject> list = new ArrayList<>();
    if (result instanceof JsonArray array) {
      array.forEach(o -> list.add((JsonObject) o));
    } else if (result instanceof JsonObject o) {
      list.add(o);
    }
    return list;
  }

  private static Map<String, List<Sample>> window(List<Sample> samples, JsonObject s) {
    long t0 = s.getLong("t0");
    long t1 = s.getLong("t1");
    Map<String, List<Sample>> byService = new LinkedHashMap<>();
    for (Sample sample : samples) {
      if (sample.at() >= t0 - 500 && sample.at() <= t1 + 500) {
        byService.computeIfAbsent(sample.service(), k -> new ArrayList<>()).add(sample);
      }
    }
    return byService;
  }

  private static String rss(List<Sample> samples, JsonObject s) {
    StringBuilder text = new StringBuilder();
    window(samples, s).forEach((service, list) -> text.append(text.isEmpty() ? "" : ", ")
        .append(service).append(' ')
        .append(list.stream().mapToLong(Sample::rssKb).max().orElse(0) / 1024));
    return text.toString();
  }

  private static String cpu(List<Sample> samples, JsonObject s, long ok) {
    StringBuilder text = new StringBuilder();
    window(samples, s).forEach((service, list) -> {
      if (list.size() < 2) {
        return;
      }
      Sample first = list.get(0);
      Sample last = list.get(list.size() - 1);
      double seconds = (last.at() - first.at()) / 1000.0;
      long percent = Math.round((last.ticks() - first.ticks()) / TICKS_PER_SECOND / seconds * 100);
      text.append(text.isEmpty() ? "" : ", ").append(service).append(' ').append(percent)
          .append('%');
      long ticks = last.ticks() - first.ticks();
      if (ok > 0 && ticks > 0) {
        // CPU per successful request: a figure that machine noise distorts far less than latency.
        text.append(String.format(" (%.0f us/req)", ticks * 10_000.0 / ok));
      }
    });
    return text.toString();
  }

  private static String startupTable(Path dir, List<Sample> samples) throws Exception {
    StringBuilder md = new StringBuilder("## Per process: startup and memory\n\n")
        .append("| process | start to ready (ms) | RSS idle after start (MB) | peak RSS over ")
        .append("all scenarios (MB) |\n|---|---|---|---|\n");
    Map<String, String> idle = new LinkedHashMap<>();
    for (String line : lines(dir.resolve("idle.tsv"))) {
      String[] f = line.split("\t");
      idle.put(f[0], String.valueOf(Long.parseLong(f[1]) / 1024));
    }
    for (String line : lines(dir.resolve("startup.tsv"))) {
      String[] f = line.split("\t");
      long peak = samples.stream().filter(x -> x.service().equals(f[0]))
          .mapToLong(Sample::rssKb).max().orElse(0) / 1024;
      md.append("| ").append(f[0]).append(" | ").append(f[1]).append(" | ")
          .append(idle.getOrDefault(f[0], "")).append(" | ").append(peak).append(" |\n");
    }
    return md.append('\n').toString();
  }

  private static String detailSections(Path dir, List<Sample> samples) throws Exception {
    StringBuilder md = new StringBuilder("## Raw results\n\n```\n");
    for (String line : lines(dir.resolve("results.jsonl"))) {
      md.append(line).append('\n');
    }
    return md.append("```\n\n").toString();
  }

  private static List<String> lines(Path file) throws Exception {
    return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
        : List.of();
  }
}
