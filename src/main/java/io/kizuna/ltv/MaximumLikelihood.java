package io.kizuna.ltv;

import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.exception.TooManyEvaluationsException;

/**
 * Maximises a log-likelihood over strictly positive parameters by optimising their logarithms with commons-math3's
 * Nelder–Mead simplex, restarted from its own optimum until the likelihood stops improving.
 */
final class MaximumLikelihood {

	private MaximumLikelihood() {
	}

	/** @return the parameters at the maximum, followed by the log-likelihood there */
	static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start, String model) {
		ObjectiveFunction objective = new ObjectiveFunction(logParameters -> {
			double[] parameters = new double[logParameters.length];
			for (int i = 0; i < parameters.length; i++) {
				parameters[i] = Math.exp(logParameters[i]);
			}
			double value = logLikelihood.applyAsDouble(parameters);
			return Double.isFinite(value) ? value : -1e300;
		});
		double[] point = new double[start.length];
		for (int i = 0; i < start.length; i++) {
			point[i] = Math.log(start[i]);
		}
		double best = Double.NEGATIVE_INFINITY;
		try {
			for (int restart = 0; restart < 20; restart++) {
				PointValuePair result = new SimplexOptimizer(1e-13, 1e-13).optimize(new MaxEval(100_000), objective,
						GoalType.MAXIMIZE, new InitialGuess(point), new NelderMeadSimplex(point.length, 0.3));
				point = result.getPoint();
				boolean settled = result.getValue() - best < 1e-10;
				best = Math.max(best, result.getValue());
				if (settled) {
					break;
				}
			}
		}
		catch (TooManyEvaluationsException ex) {
			throw new LtvFitException(model + ": the fit did not converge within 100,000 evaluations");
		}
		if (!Double.isFinite(best) || best <= -1e299) {
			throw new LtvFitException(model + ": the data cannot support a fit (log-likelihood not finite)");
		}
		double[] answer = new double[point.length + 1];
		for (int i = 0; i < point.length; i++) {
			answer[i] = Math.exp(point[i]);
		}
		answer[point.length] = best;
		return answer;
	}
}
