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
// Also an RMSNorm (transformers' decomposes into six ops, ~30 us a call at decode sizes).
#include <torch/extension.h>
#include <ATen/Parallel.h>
#include <immintrin.h>

#include <cmath>

namespace {

constexpr int64_t kRecord = 96;
constexpr int64_t kPrefetch = 16 * kRecord;  // software prefetch distance (bytes ahead in the stream)

inline __m512 nibbles_lo(__m128i b) { return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_and_si128(b, _mm_set1_epi8(0x0F)))); }
inline __m512 nibbles_hi(__m128i b) {
  return _mm512_cvtepi32_ps(_mm512_cvtepu8_epi32(_mm_and_si128(_mm_srli_epi16(b, 4), _mm_set1_epi8(0x0F))));
}

// Each weight block of 32 is dequantized once (`w = q * scale + minimum`, fp32) and used for
// MB input rows and NB output rows at a time; two accumulators per (output, row) pair (one per
// 16-lane half of the block) keep enough FMAs in flight. Measured and dropped: a bf16 variant
// with `vdpbf16ps` (slower on the target CPU), a one-row variant that scales block sums instead
// of dequantizing (fewer instructions, yet 50% slower), fp16 scales (slower than fp32).
template <int MB, int NB>
void int4_tile(const float* x, int64_t K, const uint8_t* tile, float* y, int64_t ldy, int64_t n0, int j0) {
  const int64_t G = K / 32;
  __m512 acc[NB][MB][2];
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m) acc[j][m][0] = acc[j][m][1] = _mm512_setzero_ps();
  for (int64_t g = 0; g < G; ++g) {
    const uint8_t* rec = tile + g * kRecord;
    _mm_prefetch(reinterpret_cast<const char*>(rec + kPrefetch), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(rec + kPrefetch + 64), _MM_HINT_T0);
    const float* scale = reinterpret_cast<const float*>(rec + 64);
    __m512 w0[NB], w1[NB];
    for (int j = 0; j < NB; ++j) {
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(rec + (j0 + j) * 16));
      const __m512 s = _mm512_set1_ps(scale[j0 + j]), z = _mm512_set1_ps(scale[4 + j0 + j]);
      w0[j] = _mm512_fmadd_ps(nibbles_lo(b), s, z);
      w1[j] = _mm512_fmadd_ps(nibbles_hi(b), s, z);
    }
    for (int m = 0; m < MB; ++m) {
      const __m512 x0 = _mm512_loadu_ps(x + m * K + g * 32);
      const __m512 x1 = _mm512_loadu_ps(x + m * K + g * 32 + 16);
      for (int j = 0; j < NB; ++j) {
        acc[j][m][0] = _mm512_fmadd_ps(w0[j], x0, acc[j][m][0]);
        acc[j][m][1] = _mm512_fmadd_ps(w1[j], x1, acc[j][m][1]);
      }
    }
  }
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m)
      y[m * ldy + n0 + j0 + j] = _mm512_reduce_add_ps(_mm512_add_ps(acc[j][m][0], acc[j][m][1]));
}

template <int MB, int NB>
void int8_tile(const float* x, int64_t K, const int8_t* w, const float* scale, float* y, int64_t ldy, int64_t n0) {
  __m512 acc[NB][MB][2];
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m) acc[j][m][0] = acc[j][m][1] = _mm512_setzero_ps();
  for (int64_t k = 0; k < K; k += 32) {
    __m512 w0[NB], w1[NB];
    for (int j = 0; j < NB; ++j) {
      const int8_t* p = w + (n0 + j) * K + k;
      _mm_prefetch(reinterpret_cast<const char*>(p + 4 * K), _MM_HINT_T0);  // the next tile's row
      w0[j] = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p))));
      w1[j] = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16))));
    }
    for (int m = 0; m < MB; ++m) {
      const __m512 x0 = _mm512_loadu_ps(x + m * K + k);
      const __m512 x1 = _mm512_loadu_ps(x + m * K + k + 16);
      for (int j = 0; j < NB; ++j) {
        acc[j][m][0] = _mm512_fmadd_ps(w0[j], x0, acc[j][m][0]);
        acc[j][m][1] = _mm512_fmadd_ps(w1[j], x1, acc[j][m][1]);
      }
    }
  }
  for (int j = 0; j < NB; ++j)
    for (int m = 0; m < MB; ++m)
      y[m * ldy + n0 + j] = scale[n0 + j] * _mm512_reduce_add_ps(_mm512_add_ps(acc[j][m][0], acc[j][m][1]));
}

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

// Runs tile(mb, nb, x + m0 * K, m0, n0) over all row blocks and output tiles.
template <typename Tile>
void run_tiles(const torch::Tensor& x, int64_t N, Tile tile) {
  const int64_t M = x.size(0), K = x.size(1);
  const float* xp = x.data_ptr<float>();
  by_rows(M, [&](auto mb, auto nb, int64_t m0) {
    over_outputs(N, nb.value, [&](int64_t n0) { tile(mb, nb, xp + m0 * K, m0, n0); });
  });
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

torch::Tensor int8_mm(const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& scale) {
  const int64_t M = x.size(0), N = w.size(0), K = w.size(1);
  check(x, K, N, 4);
  auto y = torch::empty({M, N}, x.options());
  const int8_t* wp = w.data_ptr<int8_t>();
  const float* sp = scale.data_ptr<float>();
  float* yp = y.data_ptr<float>();
  run_tiles(x, N, [&](auto mb, auto nb, const float* xp, int64_t m0, int64_t n0) {
    int8_tile<decltype(mb)::value, decltype(nb)::value>(xp, K, wp, sp, yp + m0 * N, N, n0);
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

TORCH_LIBRARY(tunesmith, m) {
  m.def("int4_mm(Tensor x, Tensor w) -> Tensor");
  m.def("int8_mm(Tensor x, Tensor w, Tensor scale) -> Tensor");
  m.def("rms_norm(Tensor x, Tensor weight, float eps) -> Tensor");
}

TORCH_LIBRARY_IMPL(tunesmith, CPU, m) {
  m.impl("int4_mm", &int4_mm);
  m.impl("int8_mm", &int8_mm);
  m.impl("rms_norm", &rms_norm);
}
