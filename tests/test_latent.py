"""The fast paths of the latent class fit give the model the straightforward ones give."""

from __future__ import annotations

import numpy as np
import pytest

from persona_lib import latent


def planted_codes(n: int, seed: int) -> tuple[np.ndarray, tuple[int, ...]]:
    """Two planted groups answering 5 questions (3, 4, 2, 3, 5 answers), some unanswered:
    few enough answer patterns that many respondents share one."""
    rng = np.random.default_rng(seed)
    levels = (3, 4, 2, 3, 5)
    group = rng.random(n) < 0.4
    columns = []
    for size in levels:
        a, b = rng.dirichlet(np.ones(size) * 0.5), rng.dirichlet(np.ones(size) * 0.5)
        codes = np.where(group, [rng.choice(size, p=a) for _ in range(n)],
                         [rng.choice(size, p=b) for _ in range(n)])
        codes[rng.random(n) < 0.05] = -1
        columns.append(codes)
    return np.column_stack(columns).astype(np.int32), levels


@pytest.mark.parametrize("k", [1, 2, 3])
def test_em_on_answer_patterns_fits_the_same_model_as_em_on_every_row(k):
    codes, levels = planted_codes(1_500, seed=k)
    patterns, counts = latent.answer_patterns(codes)
    assert len(patterns) < len(codes) / 3  # the collapsed path really is the smaller one
    assert counts.sum() == len(codes)
    fast = latent.fit(codes, levels, k, seed=0)
    plain = latent.fit(codes, levels, k, seed=0, collapse=False)
    assert fast.n == plain.n == len(codes)
    np.testing.assert_allclose(fast.loglik, plain.loglik, rtol=1e-6)
    np.testing.assert_allclose(fast.bic, plain.bic, rtol=1e-6)
    # The E-step sums in float32 in an order that depends on the matrix shape and the CPU's
    # vector width: near a flat optimum the two runs stop a few 1e-4 apart (seen at k=3 on
    # one CI machine and not another). Ignoring the counts moves them by 1e-2 and more.
    np.testing.assert_allclose(fast.weights, plain.weights, atol=1e-3)
    np.testing.assert_allclose(fast.theta, plain.theta, atol=1e-3)


def test_held_out_log_likelihood_equals_the_one_hot_e_step():
    codes, levels = planted_codes(800, seed=5)
    model = latent.fit(codes, levels, 2, seed=1)
    rows = np.ones(len(codes))
    x = latent.one_hot(codes, levels)
    _, expected = latent._e_step(x, rows, model.weights, model.theta)
    np.testing.assert_allclose(latent.log_likelihood(codes, model), expected, rtol=1e-5)
    # The fitted half's likelihood is the one EM reports for the final parameters.
    np.testing.assert_allclose(latent.log_likelihood(codes, model), model.loglik, rtol=1e-5)


def test_posterior_in_chunks_equals_the_e_step_memberships(monkeypatch):
    codes, levels = planted_codes(700, seed=9)
    model = latent.fit(codes, levels, 3, seed=2)
    monkeypatch.setattr(latent, "CHUNK", 64)
    expected, _ = latent._e_step(latent.one_hot(codes, levels), np.ones(len(codes)),
                                 model.weights, model.theta)
    np.testing.assert_allclose(latent.posterior(codes, model.weights, model.theta, levels),
                               expected, atol=1e-5)
