file(REMOVE_RECURSE
  "CMakeFiles/newsmon_ops.dir/logging.cc.o"
  "CMakeFiles/newsmon_ops.dir/logging.cc.o.d"
  "CMakeFiles/newsmon_ops.dir/metrics.cc.o"
  "CMakeFiles/newsmon_ops.dir/metrics.cc.o.d"
  "CMakeFiles/newsmon_ops.dir/metrics_server.cc.o"
  "CMakeFiles/newsmon_ops.dir/metrics_server.cc.o.d"
  "CMakeFiles/newsmon_ops.dir/notifier.cc.o"
  "CMakeFiles/newsmon_ops.dir/notifier.cc.o.d"
  "libnewsmon_ops.a"
  "libnewsmon_ops.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/newsmon_ops.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
