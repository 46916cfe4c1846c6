// What the daemon tests share: a free loopback port and a run that trains in a second or two.
#pragma once

#include "free_port.h"

#include <QJsonArray>
#include <QJsonObject>

namespace tenkai::test {

// A training that takes a second or two: LeNet, 600 images, 2 members.
inline QJsonObject smallRunConfig(int epochs)
{
    using namespace Qt::StringLiterals;
    return QJsonObject{{u"model"_s, u"lenet"_s},
                       {u"dataset"_s, u"fashion-mnist"_s},
                       {u"epochs"_s, epochs},
                       {u"limit"_s, 600},
                       {u"test_limit"_s, 200},
                       {u"lr"_s, 0.05},
                       {u"step_report_interval"_s, 2},
                       {u"members"_s, QJsonArray{QJsonObject{{u"seed"_s, 1}},
                                                 QJsonObject{{u"seed"_s, 2}, {u"augment"_s, u"flip"_s}}}}};
}

} // namespace tenkai::test
