# Median CPU time per operation, log scale, one cluster per operation.
# Called by bench/run with: gnuplot -e "data='...'; output='...'" bench/chart.gp
set terminal pngcairo size 1100,560 font "sans,10" noenhanced
set output output
set title "tcvod: median CPU time per operation (lower is better, log scale)"
set datafile missing "?"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set format y "%.0s %cs"
set ylabel "time per operation"
set yrange [10e-9:*]
set key above horizontal Left reverse
set grid ytics
set xtics nomirror font "sans,9"
# Columns hold nanoseconds; the axis shows seconds with SI prefixes.
plot data using ($2*1e-9):xtic(1) title "tcvod" lc rgb "#1f77b4", \
     '' using ($3*1e-9) title "floor (hand-written)" lc rgb "#2ca02c", \
     '' using ($4*1e-9) title "naive (map, streams, one-shot HMAC / nlohmann::json)" lc rgb "#d62728", \
     '' using ($5*1e-9) title "RapidJSON" lc rgb "#ff7f0e", \
     '' using ($6*1e-9) title "Boost.JSON" lc rgb "#9467bd"
