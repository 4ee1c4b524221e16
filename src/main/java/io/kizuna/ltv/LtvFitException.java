package io.kizuna.ltv;

import io.kizuna.shared.InvalidInputException;

/** A model cannot be fitted to the data given (too little data, no repeat buyers, no convergence). */
public class LtvFitException extends InvalidInputException {

	public LtvFitException(String message) {
		super(message);
	}
}
