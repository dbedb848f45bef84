#include "fetch/host_limiter.h"

#include <algorithm>

namespace newsmon {

HostLimiter::HostLimiter(Options options) : options_(options) {
  options_.max_total = std::max(1, options_.max_total);
  options_.per_host = std::max(1, options_.per_host);
  options_.per_host_delay = std::max(options_.per_host_delay, std::chrono::milliseconds(0));
}

void HostLimiter::Enqueue(const std::string& host, uint64_t id) {
  Host& h = hosts_[host];
  h.queue.push_back(id);
  ++queued_total_;
  if (!h.in_waiting) {
    h.in_waiting = true;
    waiting_.push_back(host);
  }
}

std::vector<uint64_t> HostLimiter::TakeReady(Clock::time_point now) {
  std::vector<uint64_t> ready;
  next_wakeup_.reset();
  // One pass in turn order; a host that starts a request moves to the back so
  // a host with a long queue cannot starve the others under the global limit.
  size_t remaining = waiting_.size();
  auto it = waiting_.begin();
  while (remaining-- > 0 && it != waiting_.end()) {
    Host& h = hosts_[*it];
    bool started = false;
    while (!h.queue.empty() && h.active < options_.per_host && active_total_ < options_.max_total) {
      if (h.last_start && options_.per_host_delay.count() > 0) {
        const Clock::time_point allowed = *h.last_start + options_.per_host_delay;
        if (now < allowed) {
          if (!next_wakeup_ || allowed < *next_wakeup_) next_wakeup_ = allowed;
          break;
        }
      }
      ready.push_back(h.queue.front());
      h.queue.pop_front();
      --queued_total_;
      ++h.active;
      ++active_total_;
      h.last_start = now;
      started = true;
      // With a delay, one start per host per pass: the next one waits anyway.
      if (options_.per_host_delay.count() > 0) {
        if (!h.queue.empty() && h.active < options_.per_host) {
          const Clock::time_point allowed = now + options_.per_host_delay;
          if (!next_wakeup_ || allowed < *next_wakeup_) next_wakeup_ = allowed;
        }
        break;
      }
    }
    if (h.queue.empty()) {
      h.in_waiting = false;
      it = waiting_.erase(it);
    } else if (started) {
      waiting_.splice(waiting_.end(), waiting_, it++);
    } else {
      ++it;
    }
    if (active_total_ >= options_.max_total) break;
  }
  return ready;
}

void HostLimiter::Finished(const std::string& host) {
  auto it = hosts_.find(host);
  if (it == hosts_.end() || it->second.active == 0) return;
  --it->second.active;
  --active_total_;
  DropIfIdle(it);
}

bool HostLimiter::Cancel(const std::string& host, uint64_t id) {
  auto it = hosts_.find(host);
  if (it == hosts_.end()) return false;
  auto& q = it->second.queue;
  auto pos = std::find(q.begin(), q.end(), id);
  if (pos == q.end()) return false;
  q.erase(pos);
  --queued_total_;
  if (q.empty() && it->second.in_waiting) {
    it->second.in_waiting = false;
    waiting_.remove(host);
  }
  DropIfIdle(it);
  return true;
}

int HostLimiter::active_for(const std::string& host) const {
  auto it = hosts_.find(host);
  return it == hosts_.end() ? 0 : it->second.active;
}

void HostLimiter::DropIfIdle(std::unordered_map<std::string, Host>::iterator it) {
  // Keep last_start while a delay applies, or a burst could follow right after.
  const Host& h = it->second;
  if (h.active == 0 && h.queue.empty() && options_.per_host_delay.count() == 0) hosts_.erase(it);
}

}  // namespace newsmon
