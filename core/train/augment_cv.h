// Applies an augmentation policy with OpenCV, one image at a time on CPU threads (tenkai_train built
// with OpenCV only: TENKAI_HAVE_OPENCV). Callers need no OpenCV headers except for augmentImage.
#pragma once

#ifdef TENKAI_HAVE_OPENCV

#include "augment.h"

#include <cstdint>

namespace cv {
class Mat;
} // namespace cv

namespace tenkai::train {

// The layout of a buffer of images: count x channels x height x width, planar (as in a tensor).
struct ImageBufferShape
{
    std::int64_t count = 0;
    int channels = 1;
    int height = 0;
    int width = 0;
};

// Turns OpenCV's own thread pool off for the whole process, once (thread-safe): our callers run their
// own worker threads, and OpenCV's pool inside them would only compete. Call before starting workers.
void useOwnThreadsOnly();

// Augments one image in place with the semantics of augment.h, using drawImage(policy, seed, index).
// `image` is H x W with 1 to 4 interleaved channels, CV_8U (0..255) or CV_32F (0..1). A uint8 image
// is converted to float once, transformed, and rounded back to 0..255 once at the end.
Status augmentImage(const Policy &policy, cv::Mat &image, std::uint64_t seed, std::int64_t index = 0);

// Augments a buffer of images (image i uses index firstIndex + i) on `threads` std::threads (at least
// one), each taking a contiguous run of images; the result does not depend on the thread count. `out`
// may be `in`. OpenCV's own thread pool is turned off for the process (useOwnThreadsOnly()).
Status augmentBuffer(const Policy &policy, const std::uint8_t *in, std::uint8_t *out,
                     const ImageBufferShape &shape, std::uint64_t seed, int threads,
                     std::int64_t firstIndex = 0);
Status augmentBuffer(const Policy &policy, const float *in, float *out, const ImageBufferShape &shape,
                     std::uint64_t seed, int threads, std::int64_t firstIndex = 0);

} // namespace tenkai::train

#endif // TENKAI_HAVE_OPENCV
