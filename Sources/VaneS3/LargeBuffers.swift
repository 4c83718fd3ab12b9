#if canImport(Glibc)
import Glibc
#endif

/// Keeps the memory of large transfers from staying resident after it is freed.
///
/// glibc raises its mmap threshold each time a large block is freed, so after a few multi-MiB
/// part buffers every later one comes from the heap, where freed blocks stay resident per
/// thread arena: moving a 2 GB file then left ~80 MB of RSS behind. Fixing the threshold at
/// 1 MiB (before the first transfer, once per process) keeps such buffers mmap-backed and
/// returns them to the system when freed; small allocations are unaffected.
enum LargeBuffers {
  private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
  /// `M_MMAP_THRESHOLD` in glibc's malloc.h.
  private static let mmapThreshold: Int32 = -3

  private static let once: Void = {
    #if canImport(Glibc)
    // Looked up at run time: Swift's Glibc module does not declare malloc.h's `mallopt`.
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "mallopt") else { return }
    _ = unsafeBitCast(symbol, to: MallOpt.self)(mmapThreshold, 1 << 20)
    #endif
  }()

  static func returnToSystemOnFree() { once }
}
