// CPU work off the loop thread: feed parsing, article extraction and story
// analysis run here, so the loop only does I/O, timers, health and commits
// and /healthz and the watchdog never wait for a story.
//
//   WorkerPool pool(io, 4);
//   pool.Run<int>([] { return Expensive(); },            // on a worker
//                 [](int r) { UseOnTheLoop(r); });       // posted to `io`
//
// Tasks are pure functions of their inputs (no engine state); their results
// come back on the io_context's thread, which owns all state. With 0
// threads every task runs inline on the caller and only its result is
// posted: the deterministic mode tests and the soak benchmark use.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace newsmon {

class WorkerPool {
 public:
  WorkerPool(boost::asio::io_context& io, size_t threads);
  // Finishes the running tasks; drops the queued ones (their results would
  // arrive at an engine that is gone).
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // `work` must not throw: it owns its errors and returns them as values.
  template <typename R>
  void Run(std::function<R()> work, std::function<void(R)> done) {
    Submit([this, work = std::move(work), done = std::move(done)]() mutable {
      auto result = std::make_shared<R>(work());
      boost::asio::post(io_, [done = std::move(done), result] { done(std::move(*result)); });
    });
  }

  size_t threads() const { return workers_.size(); }
  // Tasks queued or running.
  size_t pending() const;

 private:
  void Submit(std::function<void()> task);
  void Loop();

  boost::asio::io_context& io_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace newsmon
