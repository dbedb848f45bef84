// A StateStore whose backing store can be replaced while the daemon runs:
// after the state file was replaced under the daemon (restored from a
// backup, say) and the operator chose `state.on_replaced: reopen`.
//
//   SwappableStore store(std::move(*OpenSqliteStore(path)));
//   Engine engine({..., store, ...});
//   store.Swap(std::move(*OpenSqliteStore(path)));   // then engine.StateStoreReopened()
#pragma once

#include <memory>
#include <utility>

#include "state/state_store.h"

namespace newsmon {

class SwappableStore final : public StateStore {
 public:
  explicit SwappableStore(std::unique_ptr<StateStore> inner) : inner_(std::move(inner)) {}
  void Swap(std::unique_ptr<StateStore> inner) { inner_ = std::move(inner); }

  Result<std::optional<FeedState>> GetFeedState(const std::string& feed_id) override {
    return inner_->GetFeedState(feed_id);
  }
  Result<std::vector<FeedState>> AllFeedStates() override { return inner_->AllFeedStates(); }
  Result<std::optional<std::string>> SeenHash(const std::string& feed_id, const std::string& item_id) override {
    return inner_->SeenHash(feed_id, item_id);
  }
  Result<std::vector<PriorQuote>> QuotesOf(const std::string& leader_id) override {
    return inner_->QuotesOf(leader_id);
  }
  Result<std::vector<StoryFingerprint>> RecentFingerprints(Timestamp since) override {
    return inner_->RecentFingerprints(since);
  }
  Result<int> AttemptsOf(const std::string& feed_id, const std::string& item_id) override {
    return inner_->AttemptsOf(feed_id, item_id);
  }
  Status Commit(const CommitBatch& batch) override { return inner_->Commit(batch); }
  Result<ExpiryResult> ExpireBatch(const ExpiryHorizon& horizon, int batch_rows) override {
    return inner_->ExpireBatch(horizon, batch_rows);
  }
  Result<StoreStats> Stats() override { return inner_->Stats(); }
  Status Compact() override { return inner_->Compact(); }
  Result<bool> FileReplaced() override { return inner_->FileReplaced(); }
  Status CheckWritable() override { return inner_->CheckWritable(); }

 private:
  std::unique_ptr<StateStore> inner_;
};

}  // namespace newsmon
