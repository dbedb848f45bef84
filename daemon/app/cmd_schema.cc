// `newsmon schema`: the event schema as the binary was built with it, for
// consumers and schema registries (no checkout of the repository needed).
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include <fstream>
#include <iostream>
#include <set>
#include <vector>

#include "app/commands.h"
#include "newsmon/v1/events.pb.h"

namespace newsmon {
namespace {

using google::protobuf::FileDescriptor;

// Dependencies first, as a FileDescriptorSet must list them for a registry
// or a descriptor pool to build the files in order.
void CollectInOrder(const FileDescriptor* file, std::set<const FileDescriptor*>& seen,
                    std::vector<const FileDescriptor*>& out) {
  if (!seen.insert(file).second) return;
  for (int i = 0; i < file->dependency_count(); ++i) CollectInOrder(file->dependency(i), seen, out);
  out.push_back(file);
}

}  // namespace

int SchemaCommand(bool descriptor_set, const std::string& out_file) {
  std::set<const FileDescriptor*> seen;
  std::vector<const FileDescriptor*> files;
  CollectInOrder(v1::StoryMatched::descriptor()->file(), seen, files);
  std::string output;
  if (descriptor_set) {
    google::protobuf::FileDescriptorSet set;
    for (const FileDescriptor* f : files) f->CopyTo(set.add_file());
    if (!set.SerializeToString(&output)) {
      std::cerr << "schema: cannot serialise the descriptor set\n";
      return 1;
    }
  } else {
    // Only newsmon's own files: the well-known types come with every protobuf.
    for (const FileDescriptor* f : files) {
      if (f->package().starts_with("google.protobuf")) continue;
      output += "// " + f->name() + "\n" + f->DebugString();
    }
  }
  if (out_file.empty() || out_file == "-") {
    std::cout << output << std::flush;
    return std::cout ? 0 : 1;
  }
  std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
  out << output;
  out.close();
  if (!out) {
    std::cerr << "schema: cannot write " << out_file << "\n";
    return 1;
  }
  return 0;
}

}  // namespace newsmon
