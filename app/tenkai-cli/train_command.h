// `tenkai-cli train|pretrain|finetune`: trains a model and prints per-epoch figures.
#pragma once

#include <QStringList>

namespace tenkai::cli {

enum class TrainMode
{
    Train,    // train from scratch, saving only with --out
    Pretrain, // train from scratch on generic data; --out is required
    Finetune, // start from --from MODEL; --out is where the fine-tuned model goes
};

// Parses the arguments after the command name and runs it. Returns the process exit code.
int runTrainCommand(const QStringList &arguments, TrainMode mode);

} // namespace tenkai::cli
