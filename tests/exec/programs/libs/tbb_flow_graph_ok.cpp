// oneTBB's flow graph and pipeline as their documentation shows them, on
// two threads: function_nodes that square numbers (unlimited concurrency)
// and add them up (serial), fed by try_put and waited for with
// wait_for_all; and a parallel_pipeline of a serial source, a parallel
// stage and a serial sink. Correct: the serial node's and the sink's sums
// are read after the graph and the pipeline finished.
// weft-exec-expect: clean
#include <oneapi/tbb/flow_graph.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <cstdio>

int main() {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);

  long graph_sum = 0;
  tbb::flow::graph g;
  tbb::flow::function_node<int, int> square(g, tbb::flow::unlimited, [](int x) { return x * x; });
  tbb::flow::function_node<int> add(g, tbb::flow::serial, [&](int x) {
    graph_sum += x;
    return tbb::flow::continue_msg();
  });
  tbb::flow::make_edge(square, add);
  for (int i = 1; i <= 4; ++i) square.try_put(i);
  g.wait_for_all();

  long pipeline_sum = 0;
  int next = 1;
  tbb::parallel_pipeline(
      2, tbb::make_filter<void, int>(tbb::filter_mode::serial_in_order, [&](tbb::flow_control& fc) {
           if (next > 4) {
             fc.stop();
             return 0;
           }
           return next++;
         }) & tbb::make_filter<int, int>(tbb::filter_mode::parallel, [](int x) {
           return x * x;
         }) & tbb::make_filter<int, void>(tbb::filter_mode::serial_in_order, [&](int x) { pipeline_sum += x; }));

  std::printf("%ld %ld\n", graph_sum, pipeline_sum);
  return graph_sum == 30 && pipeline_sum == 30 ? 0 : 1;
}
