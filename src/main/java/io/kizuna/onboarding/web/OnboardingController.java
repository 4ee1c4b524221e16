package io.kizuna.onboarding.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.kizuna.onboarding.AccountOnboarding;
import io.kizuna.onboarding.Milestone;
import io.kizuna.onboarding.OnboardingCohort;
import io.kizuna.onboarding.OnboardingManagement;
import io.kizuna.onboarding.OnboardingPlan;
import io.kizuna.workspace.ApiClient;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Onboarding plans by key, each account's progress, milestones marked by hand, and cohorts. */
@RestController
@RequestMapping("/api/v1/onboarding")
@Tag(name = "Onboarding", description = "Onboarding plans per subscription plan or tier, their milestones, each "
		+ "account's progress and the cohorts' completion and time to first value")
class OnboardingController {

	private final OnboardingManagement onboarding;

	OnboardingController(OnboardingManagement onboarding) {
		this.onboarding = onboarding;
	}

	record DoneBody(LocalDate completedOn) {
	}

	/** A plan as the API takes it: counts default to 1, windows to 90 days, first value to false. */
	record PlanBody(String key, String nameJa, String nameEn, String scope, String scopeValue,
			List<MilestoneBody> milestones) {

		OnboardingPlan plan() {
			if (milestones != null && milestones.size() > 100) {
				throw new io.kizuna.shared.InvalidInputException("milestones: at most 100 in a request");
			}
			return new OnboardingPlan(key, nameJa, nameEn, scope, scopeValue, milestones == null ? List.of()
					: milestones.stream().filter(java.util.Objects::nonNull).map(MilestoneBody::milestone).toList());
		}
	}

	record MilestoneBody(String key, String nameJa, String nameEn, String kind, String eventName, Integer count,
			Integer withinDays, Integer dueDay, Boolean firstValue) {

		Milestone milestone() {
			return new Milestone(key, nameJa, nameEn,
					kind == null ? io.kizuna.onboarding.MilestoneKind.MANUAL : io.kizuna.onboarding.MilestoneKind.fromCode(kind),
					eventName, count == null ? 1 : count, withinDays == null ? 90 : withinDays, dueDay == null ? -1 : dueDay,
					Boolean.TRUE.equals(firstValue));
		}
	}

	@GetMapping("/plans")
	@Operation(summary = "Every onboarding plan with its milestones (plan-scoped first, then tier, then the default)")
	List<OnboardingPlan> plans(@AuthenticationPrincipal ApiClient client) {
		return onboarding.plans(client.workspaceId());
	}

	@PostMapping("/plans")
	@Operation(summary = "Create a plan: key, names (nameJa, nameEn), scope (plan, tier or default), scopeValue, milestones")
	ResponseEntity<OnboardingPlan> create(@AuthenticationPrincipal ApiClient client, @RequestBody PlanBody body) {
		OnboardingPlan plan = onboarding.savePlan(client.workspaceId(), null, body.plan());
		return ResponseEntity.created(URI.create("/api/v1/onboarding/plans/" + plan.key())).body(plan);
	}

	@GetMapping("/plans/{key}")
	@Operation(summary = "One plan by key")
	OnboardingPlan plan(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		return onboarding.plan(client.workspaceId(), key);
	}

	@PutMapping("/plans/{key}")
	@Operation(summary = "Replace a plan (its key may change); progress of milestones whose key stays is kept")
	OnboardingPlan update(@AuthenticationPrincipal ApiClient client, @PathVariable String key,
			@RequestBody PlanBody body) {
		return onboarding.savePlan(client.workspaceId(), key, body.plan());
	}

	@DeleteMapping("/plans/{key}")
	@Operation(summary = "Delete a plan and the progress of the accounts that followed it")
	ResponseEntity<Void> delete(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		onboarding.deletePlan(client.workspaceId(), key);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/plans/{key}/milestones")
	@Operation(summary = "The milestones of one plan, in order")
	List<Milestone> milestones(@AuthenticationPrincipal ApiClient client, @PathVariable String key) {
		return onboarding.plan(client.workspaceId(), key).milestones();
	}

	@GetMapping("/accounts/{externalId}")
	@Operation(summary = "An account's onboarding: plan, each milestone's due and completion day, progress, overdue "
			+ "count, days to first value and to complete")
	AccountOnboarding progress(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId) {
		return onboarding.progress(client.workspaceId(), externalId);
	}

	@PostMapping("/accounts/{externalId}/milestones/{milestoneKey}/done")
	@Operation(summary = "Mark a milestone done by hand (completedOn: a day from the start up to today; default today)")
	AccountOnboarding markDone(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@PathVariable String milestoneKey, @RequestBody(required = false) DoneBody body) {
		return onboarding.markDone(client.workspaceId(), externalId, milestoneKey,
				body == null ? null : body.completedOn(), null);
	}

	@DeleteMapping("/accounts/{externalId}/milestones/{milestoneKey}/done")
	@Operation(summary = "Take back a milestone marked by hand or imported (one reached from usage stays)")
	AccountOnboarding unmark(@AuthenticationPrincipal ApiClient client, @PathVariable String externalId,
			@PathVariable String milestoneKey) {
		return onboarding.unmark(client.workspaceId(), externalId, milestoneKey);
	}

	@GetMapping("/cohorts")
	@Operation(summary = "Per month of start and plan: accounts, completion rate and median days to first value")
	List<OnboardingCohort> cohorts(@AuthenticationPrincipal ApiClient client,
			@RequestParam(defaultValue = "12") int months) {
		return onboarding.cohorts(client.workspaceId(), LocaleContextHolder.getLocale(), months);
	}

	@PostMapping("/evaluate")
	@Operation(summary = "Evaluate every account's plan and milestones now (otherwise done after each rollup pass)")
	OnboardingManagement.EvaluationResult evaluate(@AuthenticationPrincipal ApiClient client) {
		return onboarding.evaluate(client.workspaceId());
	}
}
