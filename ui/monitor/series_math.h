// What the live monitor does to a curve before it reaches the screen: choose its x, smooth it and
// thin it to what the plot's pixel columns can show.
#pragma once

#include "site_metrics.h"

#include <QList>
#include <QPointF>
#include <span>
#include <vector>

namespace tenkai::ui {

enum class XAxisMode
{
    Step,  // the member's optimizer step
    Epoch, // fractional epoch: a step report inside epoch e lies in [e-1, e), an epoch's end at e
    Time,  // seconds since the run's first event
};

// The points of one curve as (x, y), finite values only. `firstT` is the run's time origin.
// By step or epoch, a point is superseded by a later one (in seq order) at the same or an earlier
// step: a daemon that died retrains the interrupted epoch after its restart, and the retrained
// points replace the lost ones. By time every point stays.
// `epochEnd`: the curve holds end-of-epoch figures (test accuracy...), placed at x = epoch in Epoch
// mode; step reports are spread evenly over their epoch (by the previous epoch's count while an
// epoch is still running).
std::vector<QPointF> curvePoints(std::span<const MetricPoint> points, XAxisMode mode, double firstT,
                                 bool epochEnd);

// Exponential moving average with TensorBoard's weight (0: none, up to 0.999), debiased so the
// first points are not pulled towards zero.
void smooth(std::vector<QPointF> &points, double weight);

// At most four points per pixel column (first, min, max, last, in x order) of the points whose x
// lies in [xMin, xMax] plus one neighbour on each side, so lines leave the plot where they should.
// Points must be sorted by x. `columns` <= 0 keeps every point in range.
QList<QPointF> downsampleMinMax(const std::vector<QPointF> &points, double xMin, double xMax, int columns);

} // namespace tenkai::ui
