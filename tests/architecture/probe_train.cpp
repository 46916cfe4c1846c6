// Links tenkai_train alone so the layering test can read what it needs at run time.
#include "train_api.h"

int main()
{
    return tenkai::train::datasetNames().empty() ? 1 : 0;
}
