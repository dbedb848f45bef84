// One polling cycle of the fixture config (test_config.h) into a Kafka
// cluster, for the tests that read its events back with other tools.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "app/pipeline.h"
#include "test_config.h"

namespace newsmon::testing {

inline ::testing::AssertionResult RunFixturePipelineOnce(const std::filesystem::path& dir, const std::string& brokers) {
  auto config = LoadConfig(WriteFixtureConfig(dir, brokers));
  if (!config) return ::testing::AssertionFailure() << "config: " << config.error().message;
  auto compiled = CompileConfig(*config);
  if (!compiled) return ::testing::AssertionFailure() << "compile: " << compiled.error().message;
  auto store = OpenSqliteStore(dir / "state.db");
  if (!store) return ::testing::AssertionFailure() << "store: " << store.error().message;
  auto producer = ReliableProducer::Create((*config)->kafka, brokers);
  if (!producer) return ::testing::AssertionFailure() << "producer: " << producer.error().message;
  auto report = RunOnce(*compiled, **store, **producer, std::chrono::seconds(30));
  if (!report) return ::testing::AssertionFailure() << "cycle: " << report.error().message;
  if (!report->complete) return ::testing::AssertionFailure() << "the cycle did not complete";
  return ::testing::AssertionSuccess();
}

}  // namespace newsmon::testing
