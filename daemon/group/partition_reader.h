// Reads one partition of a group topic from its start to the end it had
// when called: how a member restores what a partition's last owner left in
// a changelog (feed state, a leader's quote history). Internal to daemon/group.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

#include "util/result.h"

namespace newsmon::group {

// Calls `each(key, value)` for every record, in offset order, and only
// records of committed transactions. Blocking; fails when the end is not
// reached within `timeout`, or once `*cancel` turns true. A topic or
// partition the cluster does not know reads as empty.
Status ReadPartitionToEnd(const std::string& bootstrap_servers, const std::string& topic, int partition,
                          std::chrono::milliseconds timeout,
                          const std::function<void(std::string_view key, std::string_view value)>& each,
                          const std::atomic<bool>* cancel = nullptr);

}  // namespace newsmon::group
