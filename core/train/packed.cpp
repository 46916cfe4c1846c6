#include "packed.h"

#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace tenkai::train {
namespace {

enum class Layout
{
    Stacked,
    Concatenated,
    Shared
};

Layout layoutOf(const torch::Tensor &packed, const torch::Tensor &member, std::int64_t members)
{
    if (packed.dim() == member.dim() + 1 && packed.size(0) == members)
        return Layout::Stacked;
    if (packed.dim() == member.dim() && packed.dim() > 0 && packed.size(0) == member.size(0) * members)
        return Layout::Concatenated;
    if (packed.sizes() == member.sizes())
        return Layout::Shared;
    throw std::logic_error("packed tensor of shape " + c10::str(packed.sizes()) +
                           " does not hold members of shape " + c10::str(member.sizes()));
}

torch::Tensor packTensors(const std::vector<torch::Tensor> &parts, const torch::Tensor &packedLike)
{
    const auto k = std::int64_t(parts.size());
    switch (layoutOf(packedLike, parts.front(), k)) {
    case Layout::Stacked:
        return torch::stack(parts);
    case Layout::Concatenated:
        return torch::cat(parts);
    case Layout::Shared:
        break;
    }
    return parts.front().clone();
}

// Calls f(packed tensor, member tensors) for every parameter and buffer, matched by name.
template<typename F>
void forEachTensor(torch::nn::Sequential &packed, const std::vector<torch::nn::Sequential> &members, F f)
{
    const auto match = [&](const auto &packedItems, auto memberItems) {
        for (const auto &item : packedItems) {
            std::vector<torch::Tensor> parts;
            for (const auto &m : members) {
                const auto items = memberItems(m);
                const auto *t = items.find(item.key());
                if (!t)
                    throw std::logic_error("packed tensor " + item.key() + " has no member counterpart");
                parts.push_back(*t);
            }
            f(item.value(), parts);
        }
    };
    match(packed->named_parameters(), [](const torch::nn::Sequential &m) { return m->named_parameters(); });
    match(packed->named_buffers(), [](const torch::nn::Sequential &m) { return m->named_buffers(); });
}

// The key an optimizer files a parameter's state under (a string in LibTorch 1.x, the tensor's
// address in later versions).
template<typename Map>
typename Map::key_type stateKey(const Map &, const torch::Tensor &p)
{
    if constexpr (std::is_same_v<typename Map::key_type, std::string>) {
        std::ostringstream address; // the form LibTorch 1.x files it under
        address << p.unsafeGetTensorImpl();
        return address.str();
    } else {
        return p.unsafeGetTensorImpl();
    }
}

const std::vector<torch::Tensor> &paramsOf(torch::optim::Optimizer &o)
{
    if (o.param_groups().size() != 1)
        throw std::logic_error("packed optimizers have one parameter group");
    return o.param_groups().front().params();
}

// Applies `t(tensor)` to every tensor of an optimizer state, in place.
template<typename T>
void transformState(torch::optim::OptimizerParamState &state, T t)
{
    if (auto *sgd = dynamic_cast<torch::optim::SGDParamState *>(&state)) {
        if (sgd->momentum_buffer().defined())
            sgd->momentum_buffer(t(sgd->momentum_buffer()));
    } else if (auto *adam = dynamic_cast<torch::optim::AdamParamState *>(&state)) {
        if (adam->exp_avg().defined())
            adam->exp_avg(t(adam->exp_avg()));
        if (adam->exp_avg_sq().defined())
            adam->exp_avg_sq(t(adam->exp_avg_sq()));
        if (adam->max_exp_avg_sq().defined())
            adam->max_exp_avg_sq(t(adam->max_exp_avg_sq()));
    } else {
        throw std::logic_error("packed ensembles support SGD and Adam state only");
    }
}

} // namespace

torch::Tensor memberSlice(const torch::Tensor &packed, const torch::Tensor &member, std::int64_t k,
                          std::int64_t members)
{
    switch (layoutOf(packed, member, members)) {
    case Layout::Stacked:
        return packed.select(0, k).clone();
    case Layout::Concatenated:
        return packed.narrow(0, k * member.size(0), member.size(0)).clone();
    case Layout::Shared:
        break;
    }
    return packed.clone();
}

void packMembers(const std::vector<torch::nn::Sequential> &members, torch::nn::Sequential &packed)
{
    torch::NoGradGuard noGrad;
    forEachTensor(packed, members, [](const torch::Tensor &p, const std::vector<torch::Tensor> &parts) {
        p.copy_(packTensors(parts, p));
    });
}

void unpackMembers(torch::nn::Sequential &packed, const std::vector<torch::nn::Sequential> &members)
{
    torch::NoGradGuard noGrad;
    const auto k = std::int64_t(members.size());
    forEachTensor(packed, members, [k](const torch::Tensor &p, const std::vector<torch::Tensor> &parts) {
        for (std::int64_t i = 0; i < k; ++i) {
            auto target = parts[std::size_t(i)];
            target.copy_(memberSlice(p, target, i, k));
        }
    });
}

void packOptimizerState(const std::vector<torch::optim::Optimizer *> &members,
                        torch::optim::Optimizer &packed)
{
    torch::NoGradGuard noGrad;
    const auto &packedParams = paramsOf(packed);
    auto &packedState = packed.state();
    for (std::size_t i = 0; i < packedParams.size(); ++i) {
        const auto &p = packedParams[i];
        std::vector<torch::optim::OptimizerParamState *> states;
        for (auto *m : members) {
            const auto &param = paramsOf(*m).at(i);
            auto &mstate = m->state();
            const auto found = mstate.find(stateKey(mstate, param));
            states.push_back(found == mstate.end() ? nullptr : found->second.get());
        }
        if (!states.front()) {
            packedState.erase(stateKey(packedState, p)); // members not stepped yet
            continue;
        }
        // The packed state is a copy of member 1's (its scalars, such as Adam's step count, are
        // every member's), with each tensor replaced by the members' tensors packed together.
        auto packedParamState = states.front()->clone();
        std::vector<std::vector<torch::Tensor>> parts; // per state tensor, per member
        for (auto *state : states) {
            if (!state)
                throw std::logic_error("ensemble members' optimizers are at different steps");
            std::size_t slot = 0;
            auto copy = state->clone();
            transformState(*copy, [&](const torch::Tensor &t) {
                if (parts.size() <= slot)
                    parts.emplace_back();
                parts[slot++].push_back(t);
                return t;
            });
        }
        std::size_t slot = 0;
        transformState(*packedParamState, [&](const torch::Tensor &) {
            const auto &pieces = parts.at(slot++);
            return packTensors(pieces, p).contiguous();
        });
        packedState[stateKey(packedState, p)] = std::move(packedParamState);
    }
}

void unpackOptimizerState(torch::optim::Optimizer &packed,
                          const std::vector<torch::optim::Optimizer *> &members)
{
    torch::NoGradGuard noGrad;
    const auto &packedParams = paramsOf(packed);
    auto &packedState = packed.state();
    const auto k = std::int64_t(members.size());
    for (std::size_t i = 0; i < packedParams.size(); ++i) {
        const auto &p = packedParams[i];
        const auto found = packedState.find(stateKey(packedState, p));
        for (std::int64_t j = 0; j < k; ++j) {
            auto *m = members[std::size_t(j)];
            const auto &param = paramsOf(*m).at(i);
            auto &mstate = m->state();
            if (found == packedState.end()) {
                mstate.erase(stateKey(mstate, param));
                continue;
            }
            auto copy = found->second->clone();
            transformState(*copy, [&](const torch::Tensor &t) { return memberSlice(t, param, j, k); });
            mstate[stateKey(mstate, param)] = std::move(copy);
        }
    }
}

} // namespace tenkai::train
