import Testing

@testable import VanePlugins

@Suite struct MemoryExhaustionTests {
  let traceback = "Traceback (most recent call last):\n  File \"t.py\", line 3\nMemoryError\n"

  @Test func flytekitRecordsTheMemoryErrorAndExitsZero() {
    #expect(
      MemoryExhaustion.classify(
        .exited(0), memoryLimited: true, taskError: "USER:RuntimeError " + traceback, stderrTail: ""))
    #expect(
      !MemoryExhaustion.classify(.exited(0), memoryLimited: true, taskError: "USER:ValueError bad", stderrTail: ""))
    #expect(!MemoryExhaustion.classify(.exited(0), memoryLimited: true, taskError: nil, stderrTail: traceback))
  }

  @Test func aCrashWithAllocationFailureOnStderr() {
    #expect(MemoryExhaustion.classify(.exited(1), memoryLimited: true, taskError: nil, stderrTail: traceback))
    #expect(
      MemoryExhaustion.classify(
        .signaled(6), memoryLimited: true, taskError: nil,
        stderrTail: "terminate called after throwing an instance of 'std::bad_alloc'"))
    #expect(
      MemoryExhaustion.classify(
        .signaled(11), memoryLimited: true, taskError: nil, stderrTail: "mmap: Cannot allocate memory"))
  }

  @Test func otherFailuresAreNotMemory() {
    #expect(!MemoryExhaustion.classify(.exited(3), memoryLimited: true, taskError: nil, stderrTail: "boom"))
    #expect(!MemoryExhaustion.classify(.signaled(9), memoryLimited: true, taskError: nil, stderrTail: ""))
    #expect(!MemoryExhaustion.classify(.launchFailed("x"), memoryLimited: true, taskError: nil, stderrTail: traceback))
  }

  @Test func withoutALimitNothingIsMemory() {
    #expect(!MemoryExhaustion.classify(.exited(1), memoryLimited: false, taskError: nil, stderrTail: traceback))
    #expect(!MemoryExhaustion.classify(.exited(0), memoryLimited: false, taskError: traceback, stderrTail: ""))
  }
}
