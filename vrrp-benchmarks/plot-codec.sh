#!/usr/bin/env bash
# Draws docs/img/codec.png from the CSV of a CodecBenchmark run (JMH's -rf csv), with gnuplot:
# throughput per capture against the 5 M decodes/s target, and bytes allocated per operation.
#
#   java -jar vrrp-benchmarks/target/benchmarks.jar Codec -prof gc -rf csv -rff codec.csv
#   vrrp-benchmarks/plot-codec.sh codec.csv [docs/img/codec.png]
#
# Needs gnuplot (Debian: apt-get install gnuplot-nox).
set -euo pipefail
csv=${1:?usage: plot-codec.sh RESULTS.csv [OUT.png]}
out=${2:-docs/img/codec.png}
command -v gnuplot >/dev/null || { echo "gnuplot not found (apt-get install gnuplot-nox)" >&2; exit 1; }
data=$(mktemp)
trap 'rm -f "$data"' EXIT

# One row per capture: decode ops/s, its error, encode ops/s, its error, decode B/op, encode B/op.
# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: capture"
awk -F, '
  NR == 1 { next }
  {
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    name = $1
    sub(/.*CodecBenchmark\./, "", name)   # decode, encode, decode:gc.alloc.rate.norm, ...
    capture = $8
    if (!(capture in seen)) { seen[capture] = 1; order[++count] = capture }
    # The error is NaN when a run had one measurement iteration.
    if (name == "decode" || name == "encode") { ops[capture, name] = $5; err[capture, name] = ($6 == "NaN" ? 0 : $6) }
    if (name ~ /gc\.alloc\.rate\.norm$/) { split(name, b, ":"); bytes[capture, b[1]] = $5 }
  }
  END {
    for (i = 1; i <= count; i++) {
      c = order[i]
      printf "%s %s %s %s %s %s %s\n", c, ops[c, "decode"] / 1e6, err[c, "decode"] / 1e6,
          ops[c, "encode"] / 1e6, err[c, "encode"] / 1e6, bytes[c, "decode"] + 0, bytes[c, "encode"] + 0
    }
  }' "$csv" >"$data"

if [ ! -s "$data" ]; then
  echo "$csv: no CodecBenchmark rows" >&2
  exit 1
fi

mkdir -p "$(dirname "$out")"
gnuplot <<EOF
set terminal pngcairo size 1200,520 font "DejaVu Sans,11"
set output "$out"
set multiplot layout 1,2 title "vrrp codec, one thread (JMH, -prof gc)" font ",13"
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set grid ytics
set key outside bottom center horizontal
set offsets 0, 0, graph 0.1, 0
set xtics noenhanced font ",10"
set yrange [0:*]
set title "Throughput (higher is better; whiskers: JMH 99.9 % error)"
set ylabel "million operations / s"
set arrow 1 from graph 0, first 5 to graph 1, first 5 nohead dt 2 lw 2 lc rgb "#c00000" front
set label 1 "decode target: 5 M/s" at graph 0.02, first 5 offset 0,0.7 tc rgb "#c00000" front
plot "$data" using 2:3:xtic(1) title "decode" lc rgb "#1f77b4", \
     "" using 4:5 title "encode" lc rgb "#ff7f0e"
unset arrow 1
unset label 1
set style histogram clustered gap 2
set title "Allocation (lower is better; encode target 0 B/op)"
set ylabel "bytes allocated / operation"
plot "$data" using 6:xtic(1) title "decode" lc rgb "#1f77b4", \
     "" using 7 title "encode" lc rgb "#ff7f0e", \
     "" using 0:(\$6):(sprintf("%.0f", \$6)) with labels offset -2.2,0.7 notitle, \
     "" using 0:(\$7):(sprintf("%.0f", \$7)) with labels offset 2.2,0.7 notitle
unset multiplot
EOF
echo "wrote $out"
