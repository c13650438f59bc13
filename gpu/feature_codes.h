// What the model's inputs are, as inference sees them: every feature is a small category code, and the
// first layer keeps one table row per feature and category (mlp.h). The guide's signatures
// (guide/signature.h) say what each code means.
#pragma once

namespace progsearch::gpu {

// Codes per feature: 0 to kCategories - 1.
inline constexpr int kCategories = 4;

}  // namespace progsearch::gpu
