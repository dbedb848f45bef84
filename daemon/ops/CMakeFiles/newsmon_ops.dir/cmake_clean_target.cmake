file(REMOVE_RECURSE
  "libnewsmon_ops.a"
)
