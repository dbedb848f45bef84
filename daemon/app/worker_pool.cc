#include "app/worker_pool.h"

#include <spdlog/spdlog.h>

#include <exception>

namespace newsmon {

WorkerPool::WorkerPool(boost::asio::io_context& io, size_t threads) : io_(io) {
  workers_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { Loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

size_t WorkerPool::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + running_;
}

void WorkerPool::Submit(std::function<void()> task) {
  if (workers_.empty()) {
    task();
    return;
  }
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void WorkerPool::Loop() {
  while (true) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    try {
      task();
    } catch (const std::exception& e) {
      // Tasks return their errors as values; anything escaping is a bug,
      // logged rather than taking the daemon down.
      spdlog::error("worker task failed: {}", e.what());
    } catch (...) {
      spdlog::error("worker task failed with an unknown exception");
    }
    std::lock_guard lock(mutex_);
    --running_;
  }
}

}  // namespace newsmon
