// Weight-only 4-bit and 8-bit matmuls for decode-sized inputs (a few rows), AVX-512.
//
// Why not torch's own kernels: torch's int4 CPU kernel wants bf16 activations (two dtype
// conversions per layer call) and at 8 rows it runs at about a third of this CPU's FMA rate,
// since it does not reuse a dequantized weight block across rows. Here every weight block is
// dequantized once into registers and multiplied with all rows (up to 8 per pass), in fp32.
//
// int4 layout: output rows in tiles of 4; per tile and block of 32 inputs one record (kRecord
// bytes): 4 x 16 bytes of nibbles (byte j holds input j in its low nibble and input 16 + j in its
// high one, GGUF Q4 order), then the 4 rows' scales and the 4 rows' minimums in fp32:
// w = q * scale + minimum (GGUF Q4_1's dequantization). A tile's records are contiguous, so
// each thread reads one sequential stream.
// int8 layout: one int8 per weight, one fp32 scale per output row.
// Also an RMSNorm (transformers' decomposes into six ops, ~30 us a call at decode sizes) and
// attention for one new token per row.
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

constexpr int64_t kRecord = 96;
constexpr int64_t kPrefetch = 16 * kRecord;  // software prefetch distance (bytes ahead in the stream)

// A block's 16 possible weight values (q * scale + minimum for q = 0..15) fill one register; the
// nibbles then pick from it with a permute. This moves work from the FMA port (int-to-float
// conversions and a dequantizing FMA per 16 weights), which bounds these kernels, to the shuffle
// port: one FMA per block instead of four.
inline __m512 levels(float scale, float minimum) {
  const __m512 ramp = _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  return _mm512_fmadd_ps(ramp, _mm512_set1_ps(scale), _mm512_set1_ps(minimum));
}
inline __m512 pick_lo(__m128i b, __m512 table) {
  return _mm512_permutexvar_ps(_mm512_cvtepu8_epi32(_mm_and_si128(b, _mm_set1_epi8(0x0F))), table);
}
inline __m512 pick_hi(__m128i b, __m512 table) {
  return _mm512_permutexvar_ps(_mm512_cvtepu8_epi32(_mm_and_si128(_mm_srli_epi16(b, 4), _mm_set1_epi8(0x0F))), table);
}

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

// Horizontal sums of NB x MB accumulators, 8 at a time; sums[j * MB + m].
template <int NB, int MB>
inline void sum_all(const __m512 (&acc)[NB][MB], float* sums) {
  constexpr int n = NB * MB, padded = (n + 7) / 8 * 8;
  __m512 flat[padded];
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m) flat[j * MB + m] = acc[j][m];
  for (int i = n; i < padded; ++i) flat[i] = _mm512_setzero_ps();
  for (int i = 0; i < padded; i += 8) sum8(flat + i, sums + i);
}

// Running sums for NB outputs x MB input rows over blocks of 32 inputs; two accumulators per
// (output, row) pair (one per 16-lane half of a block) keep enough FMAs in flight.
template <int MB, int NB>
struct BlockSums {
  __m512 acc[NB][MB][2];

  BlockSums() {
    for (int j = 0; j < NB; ++j)
      for (int m = 0; m < MB; ++m) acc[j][m][0] = acc[j][m][1] = _mm512_setzero_ps();
  }

  // One block: w0/w1 hold each output's 32 weights; x points at row 0's block, rows K apart.
  void add(const __m512 (&w0)[NB], const __m512 (&w1)[NB], const float* x, int64_t K) {
    for (int m = 0; m < MB; ++m) {
      const __m512 x0 = _mm512_loadu_ps(x + m * K), x1 = _mm512_loadu_ps(x + m * K + 16);
      for (int j = 0; j < NB; ++j) {
        acc[j][m][0] = _mm512_fmadd_ps(w0[j], x0, acc[j][m][0]);
        acc[j][m][1] = _mm512_fmadd_ps(w1[j], x1, acc[j][m][1]);
      }
    }
  }

  // y[m * ldy + j] = factor(j) * the sum for output j and row m.
  template <typename Factor>
  void store(float* y, int64_t ldy, Factor factor) const {
    __m512 both[NB][MB];
    for (int j = 0; j < NB; ++j)
      for (int m = 0; m < MB; ++m) both[j][m] = _mm512_add_ps(acc[j][m][0], acc[j][m][1]);
    float sums[(NB * MB + 7) / 8 * 8];
    sum_all<NB, MB>(both, sums);
    for (int j = 0; j < NB; ++j)
      for (int m = 0; m < MB; ++m) y[m * ldy + j] = factor(j) * sums[j * MB + m];
  }
};

// Each weight block of 32 is dequantized once (`w = q * scale + minimum`, fp32, see levels()) and used for
// MB input rows and NB output rows at a time. Measured and dropped: a bf16 variant
// with `vdpbf16ps` (slower on the target CPU), a one-row variant that scales block sums instead
// of dequantizing (fewer instructions, yet 50% slower), fp16 scales (slower than fp32).
template <int MB, int NB>
void int4_tile(const float* x, int64_t K, const uint8_t* tile, float* y, int64_t ldy, int64_t n0, int j0) {
  const int64_t G = K / 32;
  BlockSums<MB, NB> sums;
  for (int64_t g = 0; g < G; ++g) {
    const uint8_t* rec = tile + g * kRecord;
    _mm_prefetch(reinterpret_cast<const char*>(rec + kPrefetch), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(rec + kPrefetch + 64), _MM_HINT_T0);
    const float* scale = reinterpret_cast<const float*>(rec + 64);
    __m512 w0[NB], w1[NB];
    for (int j = 0; j < NB; ++j) {
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rec + (j0 + j) * 16));
      const __m512 table = levels(scale[j0 + j], scale[4 + j0 + j]);
      w0[j] = pick_lo(b, table);
      w1[j] = pick_hi(b, table);
    }
    sums.add(w0, w1, x + g * 32, K);
  }
  sums.store(y + n0 + j0, ldy, [](int) { return 1.0f; });
}

template <int MB, int NB>
void int8_tile(const float* x, int64_t K, const int8_t* w, const float* scale, float* y, int64_t ldy, int64_t n0) {
  BlockSums<MB, NB> sums;
  for (int64_t k = 0; k < K; k += 32) {
    __m512 w0[NB], w1[NB];
    for (int j = 0; j < NB; ++j) {
      const int8_t* p = w + (n0 + j) * K + k;
      _mm_prefetch(reinterpret_cast<const char*>(p + 4 * K), _MM_HINT_T0);  // the next tile's row
      w0[j] = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
      w1[j] = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))));
    }
    sums.add(w0, w1, x + k, K);
  }
  sums.store(y + n0, ldy, [&](int j) { return scale[n0 + j]; });
}

#if defined(__GNUC__) && __GNUC__ >= 12
#define TUNESMITH_FP16 1
// fp16 products for the int8 output head at 4+ rows. There the fp32 kernel is bound by this
// CPU's FMA rate (one 16-lane FMA per cycle and core); AVX512-FP16 does 32 lanes per FMA and
// int8 converts to fp16 in one step: 20-25% faster at 4-8 rows. Inputs are scaled by a power
// of two (exact) and converted once per call; products are summed in fp16 for kFlush blocks,
// then added into fp32 (relative error ~6e-4, below that of torch's own kernels, which round
// activations to bf16). Compiled for the instruction set only here, used only when the CPU has
// it. (The same for int4 was no faster: its weight unpacking, not the FMAs, is the bound.)
#define FP16_TARGET __attribute__((target("avx512fp16,avx512bw,avx512vl,avx512dq,avx512f,fma")))
constexpr int64_t kFlush = 16;
constexpr int kHalfRows = 4;  // row blocks at least this big take the fp16 tiles

bool cpu_has_fp16() {
  static const bool ok = __builtin_cpu_supports("avx512fp16");
  return ok;
}

// x [rows, K] times a power of two into fp16, chosen so that kFlush blocks of products with
// weights up to max_weight stay below 2^14 (far from fp16's 65504) and typical products stay far
// above its denormals; returns what the sums must be multiplied by.
FP16_TARGET float to_half(const float* x, int64_t n, _Float16* out, float max_weight) {
  __m512 mx = _mm512_setzero_ps();
  for (int64_t i = 0; i < n; i += 16) mx = _mm512_max_ps(mx, _mm512_abs_ps(_mm512_loadu_ps(x + i)));
  const float xmax = _mm512_reduce_max_ps(mx);
  int e = 0;
  if (xmax > 0) std::frexp(16384.0f / (kFlush * max_weight * xmax), &e), e -= 1;  // 2^e <= the bound
  const __m512 up = _mm512_set1_ps(std::ldexp(1.0f, e));
  for (int64_t i = 0; i < n; i += 16)
    _mm256_storeu_ph(out + i, _mm512_cvtxps_ph(_mm512_mul_ps(_mm512_loadu_ps(x + i), up)));
  return std::ldexp(1.0f, -e);
}

FP16_TARGET inline __m512 half_sum(__m512h a) {  // 32 fp16 lanes -> 16 fp32 lanes (pairwise)
  return _mm512_add_ps(_mm512_cvtxph_ps(_mm512_castph512_ph256(a)),
                       _mm512_cvtxph_ps(_mm256_castsi256_ph(_mm512_extracti64x4_epi64(_mm512_castph_si512(a), 1))));
}

template <int MB, int NB>
FP16_TARGET void int8_tile_h(const _Float16* x, int64_t K, const int8_t* w, const float* scale, float* y, int64_t ldy,
                             int64_t n0, float unscale) {
  __m512 acc[NB][MB];
  __m512h part[NB][MB];
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m) acc[j][m] = _mm512_setzero_ps(), part[j][m] = _mm512_setzero_ph();
  const int64_t G = K / 32;
  for (int64_t g = 0; g < G; ++g) {
    __m512h wv[NB];
    for (int j = 0; j < NB; ++j) {
      const int8_t* p = w + (n0 + j) * K + g * 32;
      _mm_prefetch(reinterpret_cast<const char*>(p + 4 * K), _MM_HINT_T0);
      wv[j] = _mm512_cvtepi16_ph(_mm512_cvtepi8_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))));
    }
    for (int m = 0; m < MB; ++m) {
      const __m512h xv = _mm512_loadu_ph(x + m * K + g * 32);
      for (int j = 0; j < NB; ++j) part[j][m] = _mm512_fmadd_ph(wv[j], xv, part[j][m]);
    }
    if ((g + 1) % kFlush == 0 || g + 1 == G)
      for (int j = 0; j < NB; ++j)
        for (int m = 0; m < MB; ++m) acc[j][m] = _mm512_add_ps(acc[j][m], half_sum(part[j][m])), part[j][m] = _mm512_setzero_ph();
  }
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m) y[m * ldy + n0 + j] = unscale * scale[n0 + j] * _mm512_reduce_add_ps(acc[j][m]);
}
#endif

// Calls run(MB, NB) for row blocks of up to 8 rows: every weight block is reused by all rows of
// a block; fewer rows take more outputs at a time so enough independent sums are in flight.
template <typename Run>
void by_rows(int64_t M, Run run) {
  for (int64_t m0 = 0; m0 < M; m0 += 8) {
    switch (std::min<int64_t>(8, M - m0)) {
      case 8: run(std::integral_constant<int, 8>{}, std::integral_constant<int, 1>{}, m0); break;
      case 7: run(std::integral_constant<int, 7>{}, std::integral_constant<int, 1>{}, m0); break;
      case 6: run(std::integral_constant<int, 6>{}, std::integral_constant<int, 2>{}, m0); break;
      case 5: run(std::integral_constant<int, 5>{}, std::integral_constant<int, 2>{}, m0); break;
      case 4: run(std::integral_constant<int, 4>{}, std::integral_constant<int, 2>{}, m0); break;
      case 3: run(std::integral_constant<int, 3>{}, std::integral_constant<int, 4>{}, m0); break;
      case 2: run(std::integral_constant<int, 2>{}, std::integral_constant<int, 4>{}, m0); break;
      default: run(std::integral_constant<int, 1>{}, std::integral_constant<int, 4>{}, m0); break;
    }
  }
}

template <typename Tile>
void over_outputs(int64_t N, int64_t nb, Tile tile) {
  at::parallel_for(0, N / nb, 16, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t) tile(t * nb);
  });
}

void check(const torch::Tensor& x, int64_t K, int64_t N, int64_t nb) {
  TORCH_CHECK(x.dim() == 2 && x.scalar_type() == torch::kFloat32 && x.is_contiguous(), "x must be a contiguous 2-D float32 tensor");
  TORCH_CHECK(x.size(1) == K, "x has ", x.size(1), " columns, the weight expects ", K);
  TORCH_CHECK(K % 32 == 0 && N % nb == 0, "in_features must be a multiple of 32 and out_features of ", nb);
}

}  // namespace

torch::Tensor int4_mm(const torch::Tensor& x, const torch::Tensor& w) {
  TORCH_CHECK(w.dim() == 3 && w.scalar_type() == torch::kUInt8 && w.is_contiguous() && w.size(2) == kRecord,
              "w must be contiguous uint8 [out_features / 4, in_features / 32, ", kRecord, "] (see quantize.Int4Linear)");
  const int64_t M = x.size(0), N = w.size(0) * 4, K = w.size(1) * 32, G = w.size(1);
  check(x, K, N, 4);
  auto y = torch::empty({M, N}, x.options());
  const uint8_t* wp = w.data_ptr<uint8_t>();
  float* yp = y.data_ptr<float>();
  const float* xp = x.data_ptr<float>();
  by_rows(M, [&](auto mb, auto nb, int64_t m0) {
    constexpr int MB = decltype(mb)::value, NB = decltype(nb)::value;
    at::parallel_for(0, N / 4, 8, [&](int64_t begin, int64_t end) {
      for (int64_t t = begin; t < end; ++t)
        for (int j0 = 0; j0 < 4; j0 += NB)
          int4_tile<MB, NB>(xp + m0 * K, K, wp + t * G * kRecord, yp + m0 * N, N, t * 4, j0);
    });
  });
  return y;
}

torch::Tensor int8_mm(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& scale, bool fp16) {
  const int64_t M = x.size(0), N = w.size(0), K = w.size(1);
  check(x, K, N, 4);
  auto y = torch::empty({M, N}, x.options());
  const int8_t* wp = w.data_ptr<int8_t>();
  const float* sp = scale.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  const float* xp = x.data_ptr<float>();
  by_rows(M, [&](auto mb, auto nb, int64_t m0) {
    constexpr int MB = decltype(mb)::value, NB = decltype(nb)::value;
#ifdef TUNESMITH_FP16
    if (fp16 && MB >= kHalfRows && cpu_has_fp16()) {
      std::vector<_Float16> xh(MB * K);
      const float unscale = to_half(xp + m0 * K, MB * K, xh.data(), 127.0f);
      over_outputs(N, NB, [&](int64_t n0) { int8_tile_h<MB, NB>(xh.data(), K, wp, sp, yp + m0 * N, N, n0, unscale); });
      return;
    }
#endif
    over_outputs(N, NB, [&](int64_t n0) { int8_tile<MB, NB>(xp + m0 * K, K, wp, sp, yp + m0 * N, N, n0); });
  });
  return y;
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
  const int64_t C = D / 16, Lp = (L + 15) / 16 * 16;
  const float sc = static_cast<float>(scale);
  at::parallel_for(0, B * H, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> p(Lp);
    for (int64_t task = begin; task < end; ++task) {
      const int64_t b = task / H, h = task % H;
      const float* K = kp + b * k.stride(0) + h * k.stride(1);
      const float* V = vp + b * v.stride(0) + h * v.stride(1);
      const bool* keep = mp ? mp + b * L : nullptr;
      for (int64_t i = 0; i < G; ++i) {
        const float* qi = qp + ((b * H + h) * G + i) * D;
        __m512 qv[16];
        for (int64_t c = 0; c < C; ++c) qv[c] = _mm512_mul_ps(_mm512_loadu_ps(qi + 16 * c), _mm512_set1_ps(sc));
        float mx = -INFINITY;
        for (int64_t l = 0; l < L; ++l) {
          if (keep && !keep[l]) { p[l] = -INFINITY; continue; }
          __m512 acc = _mm512_mul_ps(qv[0], _mm512_loadu_ps(K + l * D));
          for (int64_t c = 1; c < C; ++c) acc = _mm512_fmadd_ps(qv[c], _mm512_loadu_ps(K + l * D + 16 * c), acc);
          p[l] = _mm512_reduce_add_ps(acc);
          mx = std::max(mx, p[l]);
        }
        float* oi = op + ((b * H + h) * G + i) * D;
        if (mx == -INFINITY) {  // every key masked: no information, zeros
          for (int64_t d = 0; d < D; ++d) oi[d] = 0.f;
          continue;
        }
        for (int64_t l = L; l < Lp; ++l) p[l] = -INFINITY;
        __m512 total = _mm512_setzero_ps();
        for (int64_t l = 0; l < Lp; l += 16) {
          const __m512 e = exp16(_mm512_sub_ps(_mm512_loadu_ps(p.data() + l), _mm512_set1_ps(mx)));
          _mm512_storeu_ps(p.data() + l, e);
          total = _mm512_add_ps(total, e);
        }
        __m512 acc[16];
        for (int64_t c = 0; c < C; ++c) acc[c] = _mm512_setzero_ps();
        for (int64_t l = 0; l < L; ++l) {
          if (p[l] == 0.f) continue;
          const __m512 w = _mm512_set1_ps(p[l]);
          for (int64_t c = 0; c < C; ++c) acc[c] = _mm512_fmadd_ps(w, _mm512_loadu_ps(V + l * D + 16 * c), acc[c]);
        }
        const __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(total));
        for (int64_t c = 0; c < C; ++c) _mm512_storeu_ps(oi + 16 * c, _mm512_mul_ps(acc[c], inv));
      }
    }
  });
  return out;
}

TORCH_LIBRARY(tunesmith, m) {
  m.def("int4_mm(Tensor x, Tensor w) -> Tensor");
  m.def("int8_mm(Tensor x, Tensor w, Tensor scale, bool fp16=False) -> Tensor");
  m.def("rms_norm(Tensor x, Tensor weight, float eps) -> Tensor");
  m.def("decode_attention(Tensor q, Tensor k, Tensor v, Tensor? mask, float scale) -> Tensor");
}

TORCH_LIBRARY_IMPL(tunesmith, CPU, m) {
  m.impl("int4_mm", &int4_mm);
  m.impl("int8_mm", &int8_mm);
  m.impl("rms_norm", &rms_norm);
  m.impl("decode_attention", &decode_attention);
}
