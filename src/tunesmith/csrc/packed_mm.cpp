// Packed-weight matmuls for decode-sized inputs (a few rows) on x86-64 CPUs, plus the small ops
// around them in a decode step. One source, compiled once per instruction set (kernels.py):
//   avx512   AVX-512 F/BW/VL/DQ + VNNI: 16 outputs per register, `vpdpbusd` on 512 bits;
//   avxvnni  AVX2 + FMA + AVX-VNNI (Intel since Alder Lake): 8 outputs per register, `vpdpbusd`
//            on 256 bits;
//   avx2     AVX2 + FMA (e.g. AMD Zen 2/3, Intel Haswell..): `vpmaddubsw` + `vpmaddwd`.
// Each build registers its ops under its own namespace (torch.ops.tunesmith_<isa>), so one
// process can load and test every path its CPU runs. The weight formats are the same for all.
//
// Weights are int4 (GGUF Q4_1 blocks: 32 inputs share a scale and a minimum) or int8 (GGUF Q8_0
// blocks: 32 inputs share a scale; the output head and layers off the 4-bit grid). Activations
// are quantized to int8 per block of 32 when a call starts (GGUF Q8_1 style, the scheme
// llama.cpp runs), so each block's dot product is integer: `vpdpbusd` does 64 multiply-adds
// per instruction where an fp32 FMA does 16. Sums are scaled into fp32 once per block.
// Measured here: 2.7-3.3x faster than our previous fp32 kernels (every weight dequantized, then
// FMAs: bound by this CPU's FMA rate) at 1-8 rows, for +0.2% validation perplexity (README).
// Why not torch's own int4 kernel: it wants bf16 activations and re-dequantizes each weight
// block for every row.
//
// Also an RMSNorm (transformers' decomposes into six ops, ~30 us a call at decode sizes) and
// attention for one new token per row.
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>

#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#ifndef TUNESMITH_NS
#define TUNESMITH_NS tunesmith
#endif
#if !defined(__AVX2__) || !defined(__FMA__)
#error "tunesmith kernels need at least AVX2 and FMA (-mavx2 -mfma)"
#endif

namespace {

// A small thread pool for our kernels' parallel loops when they are called from a thread other
// than the process's main thread. Why: libgomp (torch's OpenMP) keeps a team of worker threads
// per calling thread. Once a second thread calls into it (the main thread loaded the model,
// then a server's batcher thread or a streaming producer generates), it runs more threads than
// cores and its workers sleep between parallel regions, so every region pays a wake-up (~75 us
// here): generation on such a thread ran 2.4x slower (measured). This pool's workers spin for a
// short while between calls (a decode step calls the kernels back to back), then sleep. On the
// main thread OpenMP stays (its idle workers would otherwise spin against this pool's).
// Calls from two threads at once do not share the pool: the second runs serially.
//
// How many threads it runs: g_pool_threads once set (see pool_threads below), else the calling
// thread's torch setting. A server's engine thread lowers its own torch setting to 1 around a
// decode step (its small torch ops, e.g. LoRA updates and sampling, ran ~4x slower waking
// OpenMP's sleeping workers from a non-main thread), which must not serialize these kernels.
std::atomic<int64_t> g_pool_threads{0};

class Pool {
 public:
  static Pool& get() {
    // Never destroyed (no joins at interpreter exit); a forked child gets a new one (threads do
    // not survive fork).
    static Pool* pool = [] {
      pthread_atfork(nullptr, nullptr, [] { pool = new Pool(); });
      return new Pool();
    }();
    return *pool;
  }

  // fn(begin, end) over [0, n) in chunks of at least `grain`, handed out by an atomic counter.
  // Not one fixed half per thread: on 2 cores a server's other threads (and a client) often
  // hold one core for a while, and a fixed half then stalls the whole call until the OS runs
  // its thread again. With chunks, whoever runs takes the next one.
  template <typename Fn>
  void run(int64_t n, int64_t grain, const Fn& fn) {
    const int64_t want = g_pool_threads.load(std::memory_order_relaxed);
    const int threads = static_cast<int>(std::min<int64_t>(std::max<int64_t>(1, want > 0 ? want : at::get_num_threads()), n));
    std::unique_lock<std::mutex> busy(run_mutex_, std::try_to_lock);
    if (threads <= 1 || !busy.owns_lock()) {
      fn(0, n);
      return;
    }
    for (; workers_ < threads - 1; ++workers_) {
      const uint64_t seen = generation_.load(std::memory_order_acquire);  // before this call's increment
      std::thread([this, index = workers_ + 1, seen] { loop(index, seen); }).detach();
    }
    const int64_t chunk = std::max<int64_t>(std::max<int64_t>(1, grain), n / (threads * kChunksPerThread));
    const int64_t chunks = (n + chunk - 1) / chunk;
    part_ = [&, chunk, chunks] {
      for (int64_t c; (c = next_.fetch_add(1, std::memory_order_relaxed)) < chunks;)
        fn(c * chunk, std::min(n, (c + 1) * chunk));
    };
    active_.store(threads, std::memory_order_relaxed);
    next_.store(0, std::memory_order_relaxed);
    done_.store(0, std::memory_order_relaxed);
    entered_.store(0, std::memory_order_release);  // (last: a worker that enters sees all of the above)
    generation_.fetch_add(1, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lock(sleep_mutex_);
      wake_.notify_all();
    }
    part_();
    // Close the call: a worker that has not entered yet never will (it would find part_ gone),
    // and the caller waits only for those that did, each finishing its last chunk.
    const int joined = entered_.fetch_add(kClosed, std::memory_order_acq_rel);
    while (done_.load(std::memory_order_acquire) < joined) _mm_pause();
  }

 private:
  void loop(int index, uint64_t seen) {
    for (;;) {
      const auto spin_until = std::chrono::steady_clock::now() + std::chrono::microseconds(kSpinMicros);
      uint64_t now = generation_.load(std::memory_order_acquire);
      for (int spins = 0; now == seen; now = generation_.load(std::memory_order_acquire)) {
        _mm_pause();
        if (++spins % 64 == 0 && std::chrono::steady_clock::now() > spin_until) {
          std::unique_lock<std::mutex> lock(sleep_mutex_);
          sleepers_.fetch_add(1, std::memory_order_seq_cst);
          wake_.wait(lock, [&] { return generation_.load(std::memory_order_seq_cst) != seen; });
          sleepers_.fetch_sub(1, std::memory_order_seq_cst);
        }
      }
      seen = now;
      if (index < active_.load(std::memory_order_relaxed) &&
          entered_.fetch_add(1, std::memory_order_acq_rel) < kClosed) {
        part_();
        done_.fetch_add(1, std::memory_order_release);
      }
    }
  }

  static constexpr int kSpinMicros = 300;  // a little longer than the gaps between a decode step's kernel calls
  static constexpr int64_t kChunksPerThread = 4;
  static constexpr int kClosed = 1 << 24;  // added to entered_ when a call closes
  std::mutex run_mutex_, sleep_mutex_;
  std::condition_variable wake_;
  int workers_ = 0;  // threads started (detached)
  std::function<void()> part_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int64_t> next_{0};  // the next chunk to hand out
  std::atomic<int> active_{0}, entered_{0}, done_{0}, sleepers_{0};
};

// fn(begin, end) over [0, n): OpenMP on the main thread, the pool elsewhere (see Pool).
template <typename Fn>
void parallel(int64_t n, int64_t grain, const Fn& fn) {
  thread_local const bool main_thread = syscall(SYS_gettid) == getpid();
  if (main_thread) at::parallel_for(0, n, grain, fn);
  else Pool::get().run(n, grain, fn);
}

void check(const torch::Tensor& x, const torch::Tensor& w, int64_t record) {
  TORCH_CHECK(w.dim() == 3 && w.scalar_type() == torch::kUInt8 && w.is_contiguous() && w.size(2) == record,
              "w must be contiguous uint8 [out_features / 16, in_features / 32, ", record, "] (see tunesmith.quantize)");
  TORCH_CHECK(x.dim() == 2 && x.scalar_type() == torch::kFloat32 && x.is_contiguous(), "x must be a contiguous 2-D float32 tensor");
  TORCH_CHECK(x.size(1) == w.size(1) * 32, "x has ", x.size(1), " columns, the weight expects ", w.size(1) * 32);
}

// x quantized per block of 32 inputs (like GGUF Q8_1): int8 values with one scale per block
// (max |x| / 127, round to nearest), their sums, and the exact float sum of x. With two terms the
// rounding residual is quantized the same way: x ~ scale0 * q0 + scale1 * q1, ~250x less error
// ("precise" activations) for twice the integer dot products.
struct QuantRows {
  int terms;
  std::vector<int8_t> q[2];
  std::vector<int32_t> qsum[2];
  std::vector<float> scale[2];
  std::vector<float> sum;
};

#if defined(__AVX512F__)
// ---- AVX-512 (F/BW/VL/DQ + VNNI): 16 fp32 / 64 bytes per register ----

// Sums of 8 vectors at once (a transpose-and-add tree, ~27 instructions instead of 8 separate
// horizontal sums of ~9 each): out[i] = sum of v[i]'s 16 lanes.
inline void sum8(const __m512* v, float* out) {
  __m512 t[4], u[2];
  for (int i = 0; i < 4; ++i)
    t[i] = _mm512_add_ps(_mm512_unpacklo_ps(v[2 * i], v[2 * i + 1]), _mm512_unpackhi_ps(v[2 * i], v[2 * i + 1]));
  for (int i = 0; i < 2; ++i) {
    const __m512d a = _mm512_castps_pd(t[2 * i]), b = _mm512_castps_pd(t[2 * i + 1]);
    u[i] = _mm512_add_ps(_mm512_castpd_ps(_mm512_unpacklo_pd(a, b)), _mm512_castpd_ps(_mm512_unpackhi_pd(a, b)));
  }
  // each 128-bit lane of u[0] holds partial sums of v0..v3, of u[1] those of v4..v7
  const __m512 w = _mm512_add_ps(_mm512_shuffle_f32x4(u[0], u[1], _MM_SHUFFLE(2, 0, 2, 0)),
                                 _mm512_shuffle_f32x4(u[0], u[1], _MM_SHUFFLE(3, 1, 3, 1)));
  _mm_storeu_ps(out, _mm_add_ps(_mm512_extractf32x4_ps(w, 0), _mm512_extractf32x4_ps(w, 1)));
  _mm_storeu_ps(out + 4, _mm_add_ps(_mm512_extractf32x4_ps(w, 2), _mm512_extractf32x4_ps(w, 3)));
}

// Quantizes 32 values (a, c) into q; a and c become the residual (what rounding left over).
inline void quantize32(__m512& a, __m512& c, int8_t* q, int32_t& qsum, float& scale) {
  const float amax = _mm512_reduce_max_ps(_mm512_max_ps(_mm512_abs_ps(a), _mm512_abs_ps(c)));
  const __m512 inv = _mm512_set1_ps(amax > 0 ? 127.0f / amax : 0.0f);
  const __m512i qa = _mm512_cvtps_epi32(_mm512_mul_ps(a, inv)), qc = _mm512_cvtps_epi32(_mm512_mul_ps(c, inv));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(q), _mm512_cvtsepi32_epi8(qa));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(q + 16), _mm512_cvtsepi32_epi8(qc));
  qsum = _mm512_reduce_add_epi32(_mm512_add_epi32(qa, qc));
  scale = amax / 127.0f;
  const __m512 s = _mm512_set1_ps(scale);
  a = _mm512_fnmadd_ps(_mm512_cvtepi32_ps(qa), s, a);
  c = _mm512_fnmadd_ps(_mm512_cvtepi32_ps(qc), s, c);
}

QuantRows quantize_rows(const float* x, int64_t M, int64_t K, int terms) {
  const int64_t blocks = M * K / 32;
  QuantRows r;
  r.terms = terms;
  for (int t = 0; t < terms; ++t) r.q[t].resize(M * K), r.qsum[t].resize(blocks), r.scale[t].resize(blocks);
  r.sum.resize(blocks);
  for (int64_t b = 0; b < blocks; ++b) {
    __m512 a = _mm512_loadu_ps(x + b * 32), c = _mm512_loadu_ps(x + b * 32 + 16);
    r.sum[b] = _mm512_reduce_add_ps(_mm512_add_ps(a, c));
    for (int t = 0; t < terms; ++t) quantize32(a, c, r.q[t].data() + b * 32, r.qsum[t][b], r.scale[t][b]);
  }
  return r;
}

// Weight formats. Both store output rows in tiles of 16 and, per tile and block of 32 inputs,
// one record: the weights as 8 `vpdpbusd` operands of 64 unsigned bytes (byte 4 * o + i of
// operand j = output o's input 4j + i: 16 outputs x 4 inputs, one output per 32-bit lane, so no
// horizontal sums), then fp32 per-output factors. A tile's records are contiguous, so each tile
// is one sequential stream.

// int4 (GGUF Q4_1): w = q * scale + minimum, q in 0..15. Nibbles packed two per byte: chunk c's
// byte 4 * o + i holds output o's input 4c + i (low nibble) and 16 + 4c + i (high nibble); then
// the 16 scales and the 16 minimums. Per block: scale * x_scale * sum(q * x_q) + minimum * sum(x).
struct Int4Format {
  static constexpr int64_t kRecord = 256 + 64 + 64;
  __m512i w[8];
  __m512 scale, minimum;

  void load(const uint8_t* rec) {
    const __m512i low = _mm512_set1_epi8(0x0F);
    for (int c = 0; c < 4; ++c) {
      const __m512i v = _mm512_loadu_si512(rec + 64 * c);
      w[c] = _mm512_and_si512(v, low);
      w[4 + c] = _mm512_and_si512(_mm512_srli_epi16(v, 4), low);
    }
    scale = _mm512_loadu_ps(reinterpret_cast<const float*>(rec + 256));
    minimum = _mm512_loadu_ps(reinterpret_cast<const float*>(rec + 320));
  }
  static __m512i start(int32_t) { return _mm512_setzero_si512(); }
  void add_dots(__m512& acc, __m512i dots, __m512 x_scale) const {
    acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dots), _mm512_mul_ps(scale, x_scale), acc);
  }
  void add_sum(__m512& acc, __m512 x_sum) const { acc = _mm512_fmadd_ps(minimum, x_sum, acc); }
};

// int8 (GGUF Q8_0): w = q * scale, q in -127..127 stored as q + 128 (vpdpbusd multiplies unsigned
// by signed bytes), 8 chunks of 64 bytes, then the 16 scales. The +128 adds 128 * sum(x_q) to each
// dot product; the dot products start from -128 * sum(x_q) instead of zero.
struct Int8Format {
  static constexpr int64_t kRecord = 512 + 64;
  __m512i w[8];
  __m512 scale;

  void load(const uint8_t* rec) {
    for (int c = 0; c < 8; ++c) w[c] = _mm512_loadu_si512(rec + 64 * c);
    scale = _mm512_loadu_ps(reinterpret_cast<const float*>(rec + 512));
  }
  static __m512i start(int32_t x_qsum) { return _mm512_set1_epi32(-128 * x_qsum); }
  void add_dots(__m512& acc, __m512i dots, __m512 x_scale) const {
    acc = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dots), _mm512_mul_ps(scale, x_scale), acc);
  }
  void add_sum(__m512&, __m512) const {}
};

// Blocks of 4+ rows prefetch the records kAhead blocks ahead: there the loop does enough work
// per record that the hardware prefetcher alone left it waiting on memory (measured with the
// weights out of cache: head 1.90 -> 1.44 ms, a step's int4 layers 6.5 -> 5.1 ms at 8 rows; at
// 1 row, bound by memory bandwidth, it made no difference or worse).
constexpr int64_t kAhead = 16;
constexpr int kPrefetchRows = 4;

// NT tiles (16 outputs each) x MB rows: each weight block is loaded (and unpacked) once for all
// MB rows; its integer dot products (one per activation term) are scaled into fp32 sums once
// per block.
template <typename Format, int MB, int NT, int Terms>
void tile(const QuantRows& xr, int64_t m0, int64_t K, const uint8_t* w, float* y, int64_t ldy) {
  const int64_t G = K / 32;
  __m512 acc[NT][MB];
  for (int t = 0; t < NT; ++t)
    for (int m = 0; m < MB; ++m) acc[t][m] = _mm512_setzero_ps();
  for (int64_t g = 0; g < G; ++g) {
    Format f[NT];
    for (int t = 0; t < NT; ++t) {
      const uint8_t* rec = w + (t * G + g) * Format::kRecord;
      if (MB >= kPrefetchRows)
        for (int64_t line = 0; line < Format::kRecord; line += 64)
          _mm_prefetch(reinterpret_cast<const char*>(rec + kAhead * Format::kRecord + line), _MM_HINT_T0);
      f[t].load(rec);
    }
    for (int m = 0; m < MB; ++m) {
      const int64_t b = (m0 + m) * G + g;
      for (int term = 0; term < Terms; ++term) {
        const int32_t* xb = reinterpret_cast<const int32_t*>(xr.q[term].data() + b * 32);
        __m512i dots[NT];
        for (int t = 0; t < NT; ++t) dots[t] = Format::start(xr.qsum[term][b]);
        for (int i = 0; i < 8; ++i) {
          const __m512i x4 = _mm512_set1_epi32(xb[i]);  // inputs 4i .. 4i + 3
          for (int t = 0; t < NT; ++t) dots[t] = _mm512_dpbusd_epi32(dots[t], f[t].w[i], x4);
        }
        const __m512 x_scale = _mm512_set1_ps(xr.scale[term][b]);
        for (int t = 0; t < NT; ++t) f[t].add_dots(acc[t][m], dots[t], x_scale);
      }
      const __m512 x_sum = _mm512_set1_ps(xr.sum[b]);
      for (int t = 0; t < NT; ++t) f[t].add_sum(acc[t][m], x_sum);
    }
  }
  for (int t = 0; t < NT; ++t)
    for (int m = 0; m < MB; ++m) _mm512_storeu_ps(y + m * ldy + t * 16, acc[t][m]);
}

// Tiles t0..t1 for row block m0 (up to 8 rows: more accumulators than registers beyond that).
// Blocks of 1-3 rows take two tiles at a time so enough independent dot products are in flight.
template <typename Format, int MB, int Terms>
void row_block(const QuantRows& xr, int64_t m0, int64_t K, const uint8_t* w, int64_t t0, int64_t t1, float* y, int64_t N) {
  constexpr int NT = MB >= 4 ? 1 : 2;
  const int64_t stride = K / 32 * Format::kRecord;
  int64_t t = t0;
  for (; t + NT <= t1; t += NT) tile<Format, MB, NT, Terms>(xr, m0, K, w + t * stride, y + m0 * N + t * 16, N);
  for (; t < t1; ++t) tile<Format, MB, 1, Terms>(xr, m0, K, w + t * stride, y + m0 * N + t * 16, N);
}

// y = x / sqrt(mean(x^2) + eps) * weight over the last dimension (transformers' LlamaRMSNorm).
torch::Tensor rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  TORCH_CHECK(x.scalar_type() == torch::kFloat32 && x.is_contiguous() && weight.scalar_type() == torch::kFloat32 &&
              weight.is_contiguous() && weight.dim() == 1 && x.size(-1) == weight.size(0) && weight.size(0) % 16 == 0,
              "rms_norm wants contiguous float32 x [..., H] and weight [H] with H a multiple of 16");
  const int64_t H = weight.size(0), rows = x.numel() / H;
  auto y = torch::empty_like(x);
  const float *xp = x.data_ptr<float>(), *wp = weight.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = xp + r * H;
    __m512 ss = _mm512_setzero_ps();
    for (int64_t i = 0; i < H; i += 16) { const __m512 v = _mm512_loadu_ps(xr + i); ss = _mm512_fmadd_ps(v, v, ss); }
    const __m512 inv = _mm512_set1_ps(1.0f / std::sqrt(_mm512_reduce_add_ps(ss) / H + static_cast<float>(eps)));
    for (int64_t i = 0; i < H; i += 16)
      _mm512_storeu_ps(yp + r * H + i, _mm512_mul_ps(_mm512_mul_ps(_mm512_loadu_ps(xr + i), inv), _mm512_loadu_ps(wp + i)));
  }
  return y;
}

// exp for 16 floats: 2^n * e^r with |r| <= ln2/2, degree-6 polynomial (relative error ~2e-7).
inline __m512 exp16(__m512 x) {
  // Below -87 the result is (or would underflow to) a denormal, which is slow in later FMAs: 0.
  const __mmask16 normal = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-87.0f), _CMP_GE_OQ);
  x = _mm512_max_ps(x, _mm512_set1_ps(-87.0f));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504f)), _MM_FROUND_TO_NEAREST_INT);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145752f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.42860677e-6f), r);
  __m512 p = _mm512_set1_ps(1.0f / 720);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 120));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 24));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f / 6));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_maskz_mov_ps(normal, _mm512_scalef_ps(p, n));
}

// One query vector (C x 16 floats) against L cached keys and values; p is scratch (>= L rounded up
// to 16). C is a compile-time constant so the accumulators stay in registers.
template <int C>
void attend(const float* qi, const float* K, const float* V, const bool* keep, int64_t L, float scale, float* p,
            float* out) {
  constexpr int64_t D = 16 * C;
  __m512 qv[C];
  for (int c = 0; c < C; ++c) qv[c] = _mm512_mul_ps(_mm512_loadu_ps(qi + 16 * c), _mm512_set1_ps(scale));
  // Scores 8 keys at a time: their dot products reduce together (sum8), not one by one.
  for (int64_t l0 = 0; l0 < L; l0 += 8) {
    __m512 acc[8];
    const int64_t n = std::min<int64_t>(8, L - l0);
    for (int64_t j = 0; j < 8; ++j) {
      acc[j] = _mm512_setzero_ps();
      if (j < n)
        for (int c = 0; c < C; ++c) acc[j] = _mm512_fmadd_ps(qv[c], _mm512_loadu_ps(K + (l0 + j) * D + 16 * c), acc[j]);
    }
    sum8(acc, p + l0);
  }
  const int64_t Lp = (L + 15) / 16 * 16;
  for (int64_t l = L; l < Lp; ++l) p[l] = -INFINITY;
  __m512 vmax = _mm512_set1_ps(-INFINITY);
  for (int64_t l = 0; l < Lp; l += 16) {
    __m512 v = _mm512_loadu_ps(p + l);
    if (keep) {  // padding keys (mask false) get -inf
      const __mmask16 n = l + 16 <= L ? 0xFFFF : static_cast<__mmask16>((1u << (L - l)) - 1);
      const __m128i bytes = _mm_maskz_loadu_epi8(n, keep + l);
      v = _mm512_mask_mov_ps(_mm512_set1_ps(-INFINITY), _mm_test_epi8_mask(bytes, bytes), v);
      _mm512_storeu_ps(p + l, v);
    }
    vmax = _mm512_max_ps(vmax, v);
  }
  const float mx = _mm512_reduce_max_ps(vmax);
  if (mx == -INFINITY) {  // every key masked: no information, zeros
    for (int64_t d = 0; d < D; ++d) out[d] = 0.f;
    return;
  }
  __m512 total = _mm512_setzero_ps();
  for (int64_t l = 0; l < Lp; l += 16) {
    const __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(p + l), _mm512_set1_ps(mx)));
    _mm512_storeu_ps(p + l, e);
    total = _mm512_add_ps(total, e);
  }
  // Weighted values (masked keys weigh 0); even and odd keys in separate FMA chains.
  __m512 even[C], odd[C];
  for (int c = 0; c < C; ++c) even[c] = odd[c] = _mm512_setzero_ps();
  int64_t l = 0;
  for (; l + 1 < L; l += 2) {
    const __m512 w0 = _mm512_set1_ps(p[l]), w1 = _mm512_set1_ps(p[l + 1]);
    for (int c = 0; c < C; ++c) {
      even[c] = _mm512_fmadd_ps(w0, _mm512_loadu_ps(V + l * D + 16 * c), even[c]);
      odd[c] = _mm512_fmadd_ps(w1, _mm512_loadu_ps(V + (l + 1) * D + 16 * c), odd[c]);
    }
  }
  if (l < L)
    for (int c = 0; c < C; ++c) even[c] = _mm512_fmadd_ps(_mm512_set1_ps(p[l]), _mm512_loadu_ps(V + l * D + 16 * c), even[c]);
  const __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(total));
  for (int c = 0; c < C; ++c) _mm512_storeu_ps(out + 16 * c, _mm512_mul_ps(_mm512_add_ps(even[c], odd[c]), inv));
}

using AttendFn = void (*)(const float*, const float*, const float*, const bool*, int64_t, float, float*, float*);
template <int... Cs>
constexpr std::array<AttendFn, sizeof...(Cs)> attend_table(std::integer_sequence<int, Cs...>) {
  return {&attend<Cs + 1>...};
}
constexpr auto kAttend = attend_table(std::make_integer_sequence<int, 16>{});  // head_dim 16 .. 256

inline AttendFn attend_fn(int64_t D) { return kAttend[D / 16 - 1]; }

#else
// ---- AVX2 (+ FMA, optionally AVX-VNNI): 8 fp32 / 32 bytes per register ----
//
// The records are the AVX-512 ones: a 64-byte operand holds 16 outputs x 4 inputs, so its low
// 32 bytes are outputs 0-7 and its high 32 bytes outputs 8-15. Here a tile is worked on as two
// halves of 8 outputs ("units"), each one output per 32-bit lane as before.

inline float hsum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

inline float hmax(__m256 v) {
  __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_max_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_max_ss(s, _mm_movehdup_ps(s)));
}

inline int32_t hsum_epi32(__m256i v) {
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
  return _mm_cvtsi128_si32(_mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1))));
}

// Sums of 4 vectors at once (a horizontal-add tree): out[i] = sum of v[i]'s 8 lanes.
inline void sum4(const __m256* v, float* out) {
  const __m256 a = _mm256_hadd_ps(_mm256_hadd_ps(v[0], v[1]), _mm256_hadd_ps(v[2], v[3]));
  // lanes 0-3: the low halves' sums of v0..v3, lanes 4-7: the high halves'
  _mm_storeu_ps(out, _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1)));
}

// Quantizes 32 values v[0..3] into q; v becomes the residual (what rounding left over).
inline void quantize32(__m256* v, int8_t* q, int32_t& qsum, float& scale) {
  const __m256 sign = _mm256_set1_ps(-0.0f);
  const __m256 m = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(sign, v[0]), _mm256_andnot_ps(sign, v[1])),
                                 _mm256_max_ps(_mm256_andnot_ps(sign, v[2]), _mm256_andnot_ps(sign, v[3])));
  const float amax = hmax(m);
  const __m256 inv = _mm256_set1_ps(amax > 0 ? 127.0f / amax : 0.0f);
  __m256i qi[4];
  for (int i = 0; i < 4; ++i) qi[i] = _mm256_cvtps_epi32(_mm256_mul_ps(v[i], inv));
  // Packing works per 128-bit lane: the dwords come out as v0[0:4] v1[0:4] v2[0:4] v3[0:4]
  // v0[4:8] ...; the permutation puts them back in input order.
  const __m256i bytes = _mm256_packs_epi16(_mm256_packs_epi32(qi[0], qi[1]), _mm256_packs_epi32(qi[2], qi[3]));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(q),
                      _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)));
  qsum = hsum_epi32(_mm256_add_epi32(_mm256_add_epi32(qi[0], qi[1]), _mm256_add_epi32(qi[2], qi[3])));
  scale = amax / 127.0f;
  const __m256 s = _mm256_set1_ps(scale);
  for (int i = 0; i < 4; ++i) v[i] = _mm256_fnmadd_ps(_mm256_cvtepi32_ps(qi[i]), s, v[i]);
}

QuantRows quantize_rows(const float* x, int64_t M, int64_t K, int terms) {
  const int64_t blocks = M * K / 32;
  QuantRows r;
  r.terms = terms;
  for (int t = 0; t < terms; ++t) r.q[t].resize(M * K), r.qsum[t].resize(blocks), r.scale[t].resize(blocks);
  r.sum.resize(blocks);
  for (int64_t b = 0; b < blocks; ++b) {
    __m256 v[4];
    for (int i = 0; i < 4; ++i) v[i] = _mm256_loadu_ps(x + b * 32 + 8 * i);
    r.sum[b] = hsum(_mm256_add_ps(_mm256_add_ps(v[0], v[1]), _mm256_add_ps(v[2], v[3])));
    for (int t = 0; t < terms; ++t) quantize32(v, r.q[t].data() + b * 32, r.qsum[t][b], r.scale[t][b]);
  }
  return r;
}

// One unit's integer dot products: lane o gets sum over i of operand i's 4 bytes of output o
// times the 4 activation bytes xb[i] (inputs 4i..4i+3).
#if defined(__AVXVNNI__)
inline __m256i dots_u8s8(const __m256i* w, const int32_t* xb, __m256i start) {
  for (int i = 0; i < 8; ++i) start = _mm256_dpbusd_avx_epi32(start, w[i], _mm256_set1_epi32(xb[i]));
  return start;
}
#endif

// int4 (Q4_1), see the AVX-512 Int4Format for the record.
struct Int4Format {
  static constexpr int64_t kRecord = 256 + 64 + 64;
  __m256i w[8];
  __m256 scale, minimum;

  void load(const uint8_t* rec, int half) {
    const __m256i low = _mm256_set1_epi8(0x0F);
    for (int c = 0; c < 4; ++c) {
      const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rec + 64 * c + 32 * half));
      w[c] = _mm256_and_si256(v, low);
      w[4 + c] = _mm256_and_si256(_mm256_srli_epi16(v, 4), low);
    }
    scale = _mm256_loadu_ps(reinterpret_cast<const float*>(rec + 256 + 32 * half));
    minimum = _mm256_loadu_ps(reinterpret_cast<const float*>(rec + 320 + 32 * half));
  }
  __m256i dots(const int32_t* xb, int32_t) const {
#if defined(__AVXVNNI__)
    return dots_u8s8(w, xb, _mm256_setzero_si256());
#else
    // 4-bit weights: a `vpmaddubsw` pair sum is at most 2 * 15 * 127 = 3810 and 8 of them
    // 30480, so the 8 operands add up in int16 and widen to int32 once.
    __m256i s = _mm256_maddubs_epi16(w[0], _mm256_set1_epi32(xb[0]));
    for (int i = 1; i < 8; ++i) s = _mm256_add_epi16(s, _mm256_maddubs_epi16(w[i], _mm256_set1_epi32(xb[i])));
    return _mm256_madd_epi16(s, _mm256_set1_epi16(1));
#endif
  }
  void add_dots(__m256& acc, __m256i d, __m256 x_scale) const {
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_mul_ps(scale, x_scale), acc);
  }
  void add_sum(__m256& acc, __m256 x_sum) const { acc = _mm256_fmadd_ps(minimum, x_sum, acc); }
};

// int8 (Q8_0), stored as q + 128, see the AVX-512 Int8Format for the record.
struct Int8Format {
  static constexpr int64_t kRecord = 512 + 64;
  __m256i w[8];
#if !defined(__AVXVNNI__)
  __m256i q[8];  // signed weights: their signs move onto x (below)
#endif
  __m256 scale;

  void load(const uint8_t* rec, int half) {
    for (int c = 0; c < 8; ++c) w[c] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(rec + 64 * c + 32 * half));
#if !defined(__AVXVNNI__)
    // `vpmaddubsw` would saturate on (q + 128) * x (up to 2 * 255 * 127), so the weights go back
    // to signed q and the sign moves onto x: |q| * (x * sign(q)), at most 2 * 127 * 127 per pair.
    // Done once per unit here, not per row.
    const __m256i flip = _mm256_set1_epi8(static_cast<char>(0x80));
    for (int c = 0; c < 8; ++c) {
      q[c] = _mm256_xor_si256(w[c], flip);
      w[c] = _mm256_sign_epi8(q[c], q[c]);
    }
#endif
    scale = _mm256_loadu_ps(reinterpret_cast<const float*>(rec + 512 + 32 * half));
  }
  __m256i dots(const int32_t* xb, int32_t x_qsum) const {
#if defined(__AVXVNNI__)
    return dots_u8s8(w, xb, _mm256_set1_epi32(-128 * x_qsum));  // undo the +128 (AVX-512 Int8Format)
#else
    (void)x_qsum;
    const __m256i ones = _mm256_set1_epi16(1);
    __m256i d = _mm256_setzero_si256();
    for (int i = 0; i < 8; ++i) {
      const __m256i p = _mm256_maddubs_epi16(w[i], _mm256_sign_epi8(_mm256_set1_epi32(xb[i]), q[i]));
      d = _mm256_add_epi32(d, _mm256_madd_epi16(p, ones));
    }
    return d;
#endif
  }
  void add_dots(__m256& acc, __m256i d, __m256 x_scale) const {
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(d), _mm256_mul_ps(scale, x_scale), acc);
  }
  void add_sum(__m256&, __m256) const {}
};

constexpr int64_t kAhead = 16;  // see the AVX-512 tile
constexpr int kPrefetchRows = 4;

// NT tiles (2 NT units of 8 outputs) x MB rows; per unit the weights are loaded (and unpacked)
// once for all MB rows.
template <typename Format, int MB, int NT, int Terms>
void tile(const QuantRows& xr, int64_t m0, int64_t K, const uint8_t* w, float* y, int64_t ldy) {
  constexpr int U = 2 * NT;
  const int64_t G = K / 32;
  __m256 acc[U][MB];
  for (int u = 0; u < U; ++u)
    for (int m = 0; m < MB; ++m) acc[u][m] = _mm256_setzero_ps();
  for (int64_t g = 0; g < G; ++g) {
    // Single rows too (NT == 2: two weight streams in flight, which the hardware prefetcher
    // follows poorly): with the weights streaming from memory as in a real decode step, 30
    // layers' int4 matmuls took 6.6 -> 5.3 ms and the int8 head 5.4 -> 2.6 ms at one row.
    if (MB >= kPrefetchRows || NT == 2)
      for (int t = 0; t < NT; ++t)
        for (int64_t line = 0; line < Format::kRecord; line += 64)
          _mm_prefetch(reinterpret_cast<const char*>(w + (t * G + g + kAhead) * Format::kRecord + line), _MM_HINT_T0);
    for (int u = 0; u < U; ++u) {
      Format f;
      f.load(w + ((u / 2) * G + g) * Format::kRecord, u % 2);
      for (int m = 0; m < MB; ++m) {
        const int64_t b = (m0 + m) * G + g;
        for (int term = 0; term < Terms; ++term) {
          const int32_t* xb = reinterpret_cast<const int32_t*>(xr.q[term].data() + b * 32);
          f.add_dots(acc[u][m], f.dots(xb, xr.qsum[term][b]), _mm256_set1_ps(xr.scale[term][b]));
        }
        f.add_sum(acc[u][m], _mm256_set1_ps(xr.sum[b]));
      }
    }
  }
  for (int u = 0; u < U; ++u)
    for (int m = 0; m < MB; ++m) _mm256_storeu_ps(y + m * ldy + u * 8, acc[u][m]);
}

// Tiles t0..t1 for row block m0 (up to 8 rows; with 16 registers some accumulators spill, still
// faster than 4-row blocks at 8 rows: the unpacked weights are reused by twice the rows).
// Single rows take two tiles at a time so enough independent dot products are in flight.
template <typename Format, int MB, int Terms>
void row_block(const QuantRows& xr, int64_t m0, int64_t K, const uint8_t* w, int64_t t0, int64_t t1, float* y, int64_t N) {
  constexpr int NT = MB >= 2 ? 1 : 2;
  const int64_t stride = K / 32 * Format::kRecord;
  int64_t t = t0;
  for (; t + NT <= t1; t += NT) tile<Format, MB, NT, Terms>(xr, m0, K, w + t * stride, y + m0 * N + t * 16, N);
  for (; t < t1; ++t) tile<Format, MB, 1, Terms>(xr, m0, K, w + t * stride, y + m0 * N + t * 16, N);
}

torch::Tensor rms_norm(const torch::Tensor& x, const torch::Tensor& weight, double eps) {
  TORCH_CHECK(x.scalar_type() == torch::kFloat32 && x.is_contiguous() && weight.scalar_type() == torch::kFloat32 &&
              weight.is_contiguous() && weight.dim() == 1 && x.size(-1) == weight.size(0) && weight.size(0) % 16 == 0,
              "rms_norm wants contiguous float32 x [..., H] and weight [H] with H a multiple of 16");
  const int64_t H = weight.size(0), rows = x.numel() / H;
  auto y = torch::empty_like(x);
  const float *xp = x.data_ptr<float>(), *wp = weight.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = xp + r * H;
    __m256 s0 = _mm256_setzero_ps(), s1 = _mm256_setzero_ps();
    for (int64_t i = 0; i < H; i += 16) {
      const __m256 a = _mm256_loadu_ps(xr + i), b = _mm256_loadu_ps(xr + i + 8);
      s0 = _mm256_fmadd_ps(a, a, s0);
      s1 = _mm256_fmadd_ps(b, b, s1);
    }
    const __m256 inv = _mm256_set1_ps(1.0f / std::sqrt(hsum(_mm256_add_ps(s0, s1)) / H + static_cast<float>(eps)));
    for (int64_t i = 0; i < H; i += 8)
      _mm256_storeu_ps(yp + r * H + i, _mm256_mul_ps(_mm256_mul_ps(_mm256_loadu_ps(xr + i), inv), _mm256_loadu_ps(wp + i)));
  }
  return y;
}

// exp for 8 floats <= 0 (scores minus their maximum): 2^n * e^r with |r| <= ln2/2, degree-6
// polynomial (relative error ~2e-7); 2^n is built in the exponent bits (n >= -126 after the clamp).
inline __m256 exp8(__m256 x) {
  const __m256 normal = _mm256_cmp_ps(x, _mm256_set1_ps(-87.0f), _CMP_GE_OQ);  // below: 0 (no denormals)
  x = _mm256_max_ps(x, _mm256_set1_ps(-87.0f));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145752f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.42860677e-6f), r);
  __m256 p = _mm256_set1_ps(1.0f / 720);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 120));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 24));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f / 6));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  const __m256i two_n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_and_ps(_mm256_mul_ps(p, _mm256_castsi256_ps(two_n)), normal);
}

// One query vector (C x 8 floats) against L cached keys and values; p is scratch (>= L rounded up
// to 8). C is a compile-time constant so the accumulators stay in registers.
template <int C>
void attend(const float* qi, const float* K, const float* V, const bool* keep, int64_t L, float scale, float* p,
            float* out) {
  constexpr int64_t D = 8 * C;
  __m256 qv[C];
  for (int c = 0; c < C; ++c) qv[c] = _mm256_mul_ps(_mm256_loadu_ps(qi + 8 * c), _mm256_set1_ps(scale));
  // Scores 4 keys at a time: their dot products reduce together (sum4), not one by one.
  for (int64_t l0 = 0; l0 < L; l0 += 4) {
    __m256 acc[4];
    const int64_t n = std::min<int64_t>(4, L - l0);
    for (int64_t j = 0; j < 4; ++j) {
      acc[j] = _mm256_setzero_ps();
      if (j < n)
        for (int c = 0; c < C; ++c) acc[j] = _mm256_fmadd_ps(qv[c], _mm256_loadu_ps(K + (l0 + j) * D + 8 * c), acc[j]);
    }
    sum4(acc, p + l0);
  }
  const int64_t Lp = (L + 7) / 8 * 8;
  for (int64_t l = L; l < Lp; ++l) p[l] = -INFINITY;
  if (keep)  // padding keys (mask false) get -inf
    for (int64_t l = 0; l < L; ++l)
      if (!keep[l]) p[l] = -INFINITY;
  __m256 vmax = _mm256_set1_ps(-INFINITY);
  for (int64_t l = 0; l < Lp; l += 8) vmax = _mm256_max_ps(vmax, _mm256_loadu_ps(p + l));
  const float mx = hmax(vmax);
  if (mx == -INFINITY) {  // every key masked: no information, zeros
    for (int64_t d = 0; d < D; ++d) out[d] = 0.f;
    return;
  }
  __m256 total = _mm256_setzero_ps();
  for (int64_t l = 0; l < Lp; l += 8) {
    const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(p + l), _mm256_set1_ps(mx)));
    _mm256_storeu_ps(p + l, e);
    total = _mm256_add_ps(total, e);
  }
  // Weighted values (masked keys weigh 0); C >= 2 independent FMA chains per key.
  __m256 acc[C];
  for (int c = 0; c < C; ++c) acc[c] = _mm256_setzero_ps();
  for (int64_t l = 0; l < L; ++l) {
    const __m256 wl = _mm256_set1_ps(p[l]);
    for (int c = 0; c < C; ++c) acc[c] = _mm256_fmadd_ps(wl, _mm256_loadu_ps(V + l * D + 8 * c), acc[c]);
  }
  const __m256 inv = _mm256_set1_ps(1.0f / hsum(total));
  for (int c = 0; c < C; ++c) _mm256_storeu_ps(out + 8 * c, _mm256_mul_ps(acc[c], inv));
}

using AttendFn = void (*)(const float*, const float*, const float*, const bool*, int64_t, float, float*, float*);
template <int... Cs>
constexpr std::array<AttendFn, sizeof...(Cs)> attend_table(std::integer_sequence<int, Cs...>) {
  return {&attend<2 * (Cs + 1)>...};
}
constexpr auto kAttend = attend_table(std::make_integer_sequence<int, 16>{});  // head_dim 16 .. 256
inline AttendFn attend_fn(int64_t D) { return kAttend[D / 16 - 1]; }

#endif

// Up to 8 rows per block (more accumulators than registers beyond that).
constexpr int64_t kRowBlock = 8;

template <typename Format, int Terms>
void rows(const QuantRows& xr, int64_t m0, int64_t M, int64_t K, const uint8_t* w, int64_t t0, int64_t t1, float* y,
          int64_t N) {
  switch (std::min<int64_t>(kRowBlock, M - m0)) {
    case 8: row_block<Format, 8, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 7: row_block<Format, 7, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 6: row_block<Format, 6, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 5: row_block<Format, 5, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 4: row_block<Format, 4, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 3: row_block<Format, 3, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    case 2: row_block<Format, 2, Terms>(xr, m0, K, w, t0, t1, y, N); break;
    default: row_block<Format, 1, Terms>(xr, m0, K, w, t0, t1, y, N); break;
  }
}

// Row blocks are the inner loop over chunks of kChunk tiles (~50 KB of records, kept in cache
// across row blocks), so prompt-sized inputs read the weights from memory once.
constexpr int64_t kChunk = 8;

// precise_rows (optional, bool [M]) chooses the precision per row: the rows of a batch that
// run a LoRA adapter take two terms, the others one. Each row's result is the same as with the
// flag for the whole call (term 0 is quantized the same either way, rows never mix).
template <typename Format>
torch::Tensor packed_mm(const torch::Tensor& x, const torch::Tensor& w, bool precise,
                        const c10::optional<torch::Tensor>& precise_rows) {
  check(x, w, Format::kRecord);
  const int64_t M = x.size(0), tiles = w.size(0), N = tiles * 16, K = w.size(1) * 32;
  torch::Tensor per_row;
  const bool* pr = nullptr;
  if (precise_rows.has_value() && precise_rows->defined()) {
    per_row = precise_rows->to(torch::kBool).contiguous();
    TORCH_CHECK(per_row.dim() == 1 && per_row.size(0) == M, "precise_rows must be [M] (one flag per row of x)");
    pr = per_row.data_ptr<bool>();
  }
  bool any = precise;
  for (int64_t m = 0; pr && m < M; ++m) any = any || pr[m];
  auto y = torch::empty({M, N}, x.options());
  const QuantRows xr = quantize_rows(x.data_ptr<float>(), M, K, any ? 2 : 1);
  const uint8_t* wp = w.data_ptr<uint8_t>();
  float* yp = y.data_ptr<float>();
  parallel(tiles, 8, [&](int64_t begin, int64_t end) {
    for (int64_t t0 = begin; t0 < end; t0 += kChunk) {
      const int64_t t1 = std::min(t0 + kChunk, end);
      // Row blocks of up to kRowBlock rows of one precision.
      for (int64_t m0 = 0; m0 < M;) {
        const bool two = pr ? pr[m0] : precise;
        int64_t m1 = m0 + 1;
        while (m1 < M && m1 - m0 < kRowBlock && (pr ? pr[m1] : precise) == two) ++m1;
        if (two) rows<Format, 2>(xr, m0, m1, K, wp, t0, t1, yp, N);
        else rows<Format, 1>(xr, m0, m1, K, wp, t0, t1, yp, N);
        m0 = m1;
      }
    }
  });
  return y;
}

torch::Tensor int4_mm(const torch::Tensor& x, const torch::Tensor& w, bool precise,
                      const c10::optional<torch::Tensor>& precise_rows) {
  return packed_mm<Int4Format>(x, w, precise, precise_rows);
}
torch::Tensor int8_mm(const torch::Tensor& x, const torch::Tensor& w, bool precise,
                      const c10::optional<torch::Tensor>& precise_rows) {
  return packed_mm<Int8Format>(x, w, precise, precise_rows);
}

// LoRA update of a few rows: y += (x a) b, x [M, K], a [K, R] (the adapters' A stacked and
// transposed), b [R, N] (their scaled B), all float32 and contiguous. A decode step makes ~120
// of these tiny products (30 layers x 4 projection groups); as two torch matmuls from a server
// thread each cost ~45 us of dispatch and threading.
//
// Both products as out[RW rows, 8V columns] (+)= p[RW rows, T] q[T, 8V columns] blocks: the
// sums stay in registers over the whole inner dimension, and each loaded row of q serves RW rows.
template <int RW, int V>
inline void block(const float* p, int64_t ldp, const float* q, int64_t ldq, int64_t T, float* out, int64_t ldo,
                  bool accumulate) {
  __m256 acc[RW][V];
  for (int i = 0; i < RW; ++i)
    for (int v = 0; v < V; ++v) acc[i][v] = accumulate ? _mm256_loadu_ps(out + i * ldo + 8 * v) : _mm256_setzero_ps();
  for (int64_t t = 0; t < T; ++t) {
    __m256 qv[V];
    for (int v = 0; v < V; ++v) qv[v] = _mm256_loadu_ps(q + t * ldq + 8 * v);
    for (int i = 0; i < RW; ++i) {
      const __m256 pv = _mm256_set1_ps(p[i * ldp + t]);
      for (int v = 0; v < V; ++v) acc[i][v] = _mm256_fmadd_ps(pv, qv[v], acc[i][v]);
    }
  }
  for (int i = 0; i < RW; ++i)
    for (int v = 0; v < V; ++v) _mm256_storeu_ps(out + i * ldo + 8 * v, acc[i][v]);
}

// out[M, cols c0..c1) (+)= p[M, T] q[T, :] for columns in whole blocks of 8V, the rest one by one.
template <int V>
void product(const float* p, int64_t M, int64_t T, const float* q, int64_t ldq, float* out, int64_t c0, int64_t c1,
             bool accumulate) {
  int64_t c = c0;
  for (; c + 8 * V <= c1; c += 8 * V) {
    int64_t m = 0;
    for (; m + 2 <= M; m += 2) block<2, V>(p + m * T, T, q + c, ldq, T, out + m * ldq + c, ldq, accumulate);
    if (m < M) block<1, V>(p + m * T, T, q + c, ldq, T, out + m * ldq + c, ldq, accumulate);
  }
  for (; c < c1; ++c)
    for (int64_t m = 0; m < M; ++m) {
      float sum = accumulate ? out[m * ldq + c] : 0.0f;
      for (int64_t t = 0; t < T; ++t) sum += p[m * T + t] * q[t * ldq + c];
      out[m * ldq + c] = sum;
    }
}

void lora_add_(torch::Tensor& y, const torch::Tensor& x, const torch::Tensor& a, const torch::Tensor& b) {
  for (const torch::Tensor* t : {static_cast<const torch::Tensor*>(&y), &x, &a, &b})
    TORCH_CHECK(t->dim() == 2 && t->scalar_type() == torch::kFloat32 && t->is_contiguous(),
                "lora_add_ wants contiguous 2-D float32 tensors");
  const int64_t M = x.size(0), K = x.size(1), R = a.size(1), N = b.size(1);
  TORCH_CHECK(a.size(0) == K && b.size(0) == R && y.size(0) == M && y.size(1) == N,
              "lora_add_: shapes do not chain (y [M, N] += x [M, K] a [K, R] b [R, N])");
  std::vector<float> h(M * R);
  const float *xp = x.data_ptr<float>(), *ap = a.data_ptr<float>(), *bp = b.data_ptr<float>();
  float *hp = h.data(), *yp = y.data_ptr<float>();
  // h = x a: the rank is small, one task per 16 of its columns.
  parallel((R + 15) / 16, 1, [&](int64_t t0, int64_t t1) {
    product<2>(xp, M, K, ap, R, hp, t0 * 16, std::min(R, t1 * 16), false);
  });
  // y += h b: one task per 32 output columns.
  parallel((N + 31) / 32, 1, [&](int64_t t0, int64_t t1) {
    product<4>(hp, M, R, bp, N, yp, t0 * 32, std::min(N, t1 * 32), true);
  });
}

// Attention for decode steps: G query vectors per key/value head against that head's L cached
// keys (grouped-query attention without repeating keys), optional key mask [B, L] (false =
// padding). One task per (batch row, key head). torch's flash kernel is built for long query
// blocks; at one token per row it spent ~120 us a layer for 8 rows, mostly on setup.
torch::Tensor decode_attention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                               const c10::optional<torch::Tensor>& mask, double scale) {
  TORCH_CHECK(q.dim() == 4 && k.dim() == 4 && v.dim() == 4 && q.scalar_type() == torch::kFloat32 &&
              k.scalar_type() == torch::kFloat32 && v.scalar_type() == torch::kFloat32,
              "decode_attention wants float32 q [B, H, G, D], k and v [B, H, L, D]");
  const int64_t B = q.size(0), H = q.size(1), G = q.size(2), D = q.size(3), L = k.size(2);
  TORCH_CHECK(k.size(0) == B && k.size(1) == H && k.size(3) == D && v.sizes() == k.sizes(), "k/v shapes do not match q");
  TORCH_CHECK(D % 16 == 0 && D <= 256, "head_dim must be a multiple of 16, at most 256");
  TORCH_CHECK(k.stride(3) == 1 && v.stride(3) == 1 && k.stride(2) == D && v.stride(2) == D, "k/v rows must be contiguous");
  const bool* mp = nullptr;
  torch::Tensor m;
  if (mask.has_value() && mask->defined()) {
    m = mask->to(torch::kBool).contiguous();
    TORCH_CHECK(m.dim() == 2 && m.size(0) == B && m.size(1) == L, "mask must be [B, L]");
    mp = m.data_ptr<bool>();
  }
  const auto qc = q.contiguous();
  auto out = torch::empty({B, H, G, D}, q.options());
  const float *qp = qc.data_ptr<float>(), *kp = k.data_ptr<float>(), *vp = v.data_ptr<float>();
  float* op = out.data_ptr<float>();
  const AttendFn fn = attend_fn(D);
  const float sc = static_cast<float>(scale);
  // A row's leading masked keys (the left padding of a batch of different lengths) weigh exactly 0:
  // start at its first kept key, so a short row next to a long one does not pay for the long one.
  std::vector<int64_t> first(B, 0);
  if (mp)
    for (int64_t b = 0; b < B; ++b) {
      const bool* row = mp + b * L;
      while (first[b] < L && !row[first[b]]) ++first[b];
      if (first[b] == L) first[b] = 0;  // every key masked: the kernel writes zeros
    }
  parallel(B * H, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> p((L + 15) / 16 * 16);
    for (int64_t task = begin; task < end; ++task) {
      const int64_t b = task / H, h = task % H, f = first[b];
      const float* K = kp + b * k.stride(0) + h * k.stride(1) + f * D;
      const float* V = vp + b * v.stride(0) + h * v.stride(1) + f * D;
      for (int64_t i = 0; i < G; ++i)
        fn(qp + ((b * H + h) * G + i) * D, K, V, mp ? mp + b * L + f : nullptr, L - f, sc, p.data(),
           op + ((b * H + h) * G + i) * D);
    }
  });
  return out;
}

// Sets the pool's thread count when n > 0 (0: follow the calling thread's torch setting);
// returns the setting.
int64_t pool_threads(int64_t n) {
  if (n >= 0) g_pool_threads.store(n);
  return g_pool_threads.load();
}

}  // namespace

// TUNESMITH_NS is a macro: expand it before TORCH_LIBRARY pastes it into names.
#define TS_LIBRARY(ns, m) TORCH_LIBRARY(ns, m)
#define TS_LIBRARY_IMPL(ns, k, m) TORCH_LIBRARY_IMPL(ns, k, m)

TS_LIBRARY(TUNESMITH_NS, m) {
  m.def("int4_mm(Tensor x, Tensor w, bool precise=False, Tensor? precise_rows=None) -> Tensor");
  m.def("int8_mm(Tensor x, Tensor w, bool precise=False, Tensor? precise_rows=None) -> Tensor");
  m.def("rms_norm(Tensor x, Tensor weight, float eps) -> Tensor");
  m.def("decode_attention(Tensor q, Tensor k, Tensor v, Tensor? mask, float scale) -> Tensor");
  m.def("lora_add_(Tensor(a!) y, Tensor x, Tensor a, Tensor b) -> ()");
  m.def("pool_threads(int n=-1) -> int", &pool_threads);  // (no tensors: one kernel for every backend)
}

TS_LIBRARY_IMPL(TUNESMITH_NS, CPU, m) {
  m.impl("int4_mm", &int4_mm);
  m.impl("int8_mm", &int8_mm);
  m.impl("rms_norm", &rms_norm);
  m.impl("decode_attention", &decode_attention);
  m.impl("lora_add_", &lora_add_);
}
