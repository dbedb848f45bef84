# Empty compiler generated dependencies file for newsmon_ops.
# This may be replaced when dependencies are built.
