using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TrisimpleNet.Training;

/// <summary>
/// TorchSharp's Adam with the same arithmetic, in the same order (so the same bits, and the same state apart from the
/// type name TorchSharp writes first in its state dict), but with every scalar held in a local for the calls that read it. TorchSharp's own step converts
/// beta1, 1 - beta1, eps and the step size to scalars it does not keep alive, and a garbage collection started by
/// another thread can free one while libtorch reads it (docs/thread-safety.md). Plain Adam only: no AMSGrad, no maximize.
/// </summary>
internal sealed class HeldScalarAdam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    : Adam(parameters, learningRate, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: weightDecay, amsgrad: false, maximize: false)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        using Scalar keep1 = beta1, add1 = 1 - beta1, keep2 = beta2, add2 = 1 - beta2, eps = options.eps!.Value, decay = weightDecay, one = 1;
        foreach (var parameter in group.Parameters)
        {
            var state = (State)_state[parameter.Handle];
            var grad = parameter.grad;
            if (grad is null) continue;
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.add(parameter, alpha: decay);
            state.exp_avg.mul_(keep1).add_(grad, alpha: add1);
            state.exp_avg_sq.mul_(keep2).addcmul_(grad, grad.conj(), value: add2);
            using Scalar rootCorrection2 = Math.Sqrt(biasCorrection2), stepSize = -(options.LearningRate!.Value / biasCorrection1);
            var denominator = (state.exp_avg_sq.sqrt() / rootCorrection2).add_(eps, one);
            parameter.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);
}
