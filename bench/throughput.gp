# throughput.gp: throughput against threads, one line per counter variant,
# drawn from scaling.csv.  racelab-bench calls it as
#   gnuplot -e "csv='...'; out='...'; variants='...'; folded='...'; cores=N; plain=R; machine='...'" throughput.gp
# variants: the ones whose loop really runs; folded: the ones the compiler
# reduced to one add (named on the plot, not drawn: their rate is a loop
# count divided by a thread start).

set terminal svg size 860,520 dynamic enhanced font 'Helvetica,13' background rgb 'white'
set output out
set datafile separator ','
set datafile columnheaders

set title sprintf("racelab counters: same total work at every thread count\n{/*0.8 %s}", machine)
set xlabel 'threads'
set ylabel 'million increments per second (median, log scale)'
set logscale x 2
set logscale y 10
set xrange [0.85:9.5]
set xtics ('1' 1, '2' 2, '4' 4, '8' 8)
set grid ytics mytics xtics lc rgb '#dddddd'
set key outside right top box

# More threads than cores (right of the line) cannot add throughput.
set arrow 1 from cores, graph 0 to cores, graph 1 nohead dashtype 2 lc rgb '#888888'
set label 1 sprintf('%d cores', cores) at cores, graph 0.04 offset 0.6,0 textcolor rgb '#666666'
if (strlen(folded) > 0) {
    set label 2 sprintf('not drawn (loop folded by the compiler, see the table): %s', folded) at graph 0.01, graph -0.16 font ',11'
    set bmargin 6
}

plot for [v in variants] csv using 2:(strcol(1) eq v ? column('increments_per_s') / 1e6 : NaN) \
         with linespoints lw 2 pt 7 ps 0.8 title v, \
     csv using 2:(strcol(1) eq 'padded' ? column('ideal_increments_per_s') / 1e6 : NaN) \
         with lines dashtype 3 lw 1.5 lc rgb '#444444' title 'ideal (padded)', \
     plain title '1-thread plain loop' with lines dashtype 4 lc rgb '#aa0000'
