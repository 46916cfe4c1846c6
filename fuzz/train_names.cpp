// The fuzz build's stand-ins for the two name lists the node catalogue reads from tenkai_train,
// whose real definitions sit in LibTorch translation units (models.cpp, trainer.cpp) that this clang
// build does not compile. Only the flow target links them; the suite's replay of the same target
// (fuzz_replay_flow) links the real ones, so a list that drifts here changes what is fuzzed, never
// what is tested.
#include "train_api.h"

namespace tenkai::train {

std::vector<std::string> modelNames()
{
    return {"lenet", "alexnet", "resnet8", "resnet20"};
}

std::vector<std::string> datasetNames()
{
    return {"fashion-mnist", "cifar10", "image-folder"};
}

} // namespace tenkai::train
