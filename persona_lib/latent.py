"""Latent class analysis: the survey field's model for groups in categorical answers.

Each respondent belongs to one of k hidden classes; within a class every question is answered
independently, each with the class's own probabilities for its answers (a multinomial per
question and class). Fitted by EM (expectation-maximisation) from several seeded random starts;
the number of classes is compared by BIC, and k = 1 (no groups) is always a candidate.
Unanswered questions are left out of a respondent's likelihood (missing at random), as in
poLCA and StepMix.

Answers come in as a code matrix: one column per indicator, the code of the answer given
(0 .. levels-1) or -1 for no answer. Pure numpy: EM runs on the distinct answer patterns with
their counts, BLAS on one thread; held-out likelihoods and memberships of a million respondents
are summed from the codes in chunks, never from a one-hot matrix of every row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SMOOTHING = 1e-3  # pseudo-count per answer and class: no probability is exactly 0
SHORT_RUN = 20  # EM iterations given to each random start before the best one is finished
MAX_ITER = 300
TOL = 1e-6  # stop when the mean log-likelihood per respondent improves by less
CHUNK = 100_000


@dataclass(frozen=True)
class LatentClasses:
    """A fitted latent class model: class sizes and each class's answer probabilities."""

    weights: np.ndarray  # (k,) share of respondents in each class
    theta: np.ndarray  # (k, L) probability of each answer of each indicator, per class
    levels: tuple[int, ...]  # answers per indicator; L = sum(levels)
    loglik: float
    n: int
    iterations: int

    @property
    def k(self) -> int:
        return len(self.weights)

    @property
    def parameters(self) -> int:
        return (self.k - 1) + self.k * sum(n - 1 for n in self.levels)

    @property
    def bic(self) -> float:
        return -2 * self.loglik + self.parameters * np.log(self.n)


def one_hot(codes: np.ndarray, levels: tuple[int, ...]) -> np.ndarray:
    """n x L 0/1 matrix; a row is all zero over an indicator the respondent did not answer."""
    offsets = np.concatenate([[0], np.cumsum(levels)[:-1]]).astype(np.int64)
    n, total = codes.shape[0], int(sum(levels))
    out = np.zeros((n, total), dtype=np.float32)
    rows = np.arange(n)
    for j, offset in enumerate(offsets):
        known = codes[:, j] >= 0
        out[rows[known], offset + codes[known, j]] = 1.0
    return out


def _blocks(levels: tuple[int, ...]) -> np.ndarray:
    """L x J matrix: which indicator each answer column belongs to."""
    block = np.repeat(np.arange(len(levels)), levels)
    out = np.zeros((len(block), len(levels)))
    out[np.arange(len(block)), block] = 1.0
    return out


def _m_step(x: np.ndarray, w: np.ndarray, blocks: np.ndarray, resp: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Class sizes and answer probabilities from memberships; row i stands for w[i]
    respondents who gave the same answers."""
    weighted = resp * w[:, None]
    counts = (np.ascontiguousarray(weighted.T, dtype=np.float32) @ x).astype(np.float64) \
        + SMOOTHING  # (k, L)
    totals = counts @ blocks  # (k, J): per class, answers given to each indicator
    theta = counts / (totals @ blocks.T)
    weights = weighted.sum(axis=0) / w.sum()
    return np.maximum(weights, 1e-12), theta


def _e_step(x: np.ndarray, w: np.ndarray, weights: np.ndarray, theta: np.ndarray
            ) -> tuple[np.ndarray, float]:
    """Memberships of each row and the log-likelihood of all the respondents they stand for."""
    joint = (x @ np.log(theta).T.astype(np.float32)).astype(np.float64) + np.log(weights)
    top = joint.max(axis=1, keepdims=True)
    total = top[:, 0] + np.log(np.exp(joint - top).sum(axis=1))
    return np.exp(joint - total[:, None]), float(total @ w)


def _run(x, w, blocks, weights, theta, max_iter: int):
    """EM from these parameters until the log-likelihood stops improving (TOL)."""
    previous = -np.inf
    n = w.sum()
    for i in range(1, max_iter + 1):
        resp, loglik = _e_step(x, w, weights, theta)
        weights, theta = _m_step(x, w, blocks, resp)
        if loglik - previous < TOL * n:
            break
        previous = loglik
    _, loglik = _e_step(x, w, weights, theta)
    return weights, theta, loglik, i


def answer_patterns(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct rows of a code matrix and how many respondents gave each: survey answers
    repeat, and EM on the patterns with their counts is the same fit as EM on every row."""
    if codes.shape[0] == 0:
        return codes, np.zeros(0)
    patterns, counts = np.unique(codes, axis=0, return_counts=True)
    return patterns, counts.astype(np.float64)


def fit(codes: np.ndarray, levels: tuple[int, ...], k: int, seed: int = 0, starts: int = 6,
        max_iter: int = MAX_ITER, collapse: bool = True) -> LatentClasses:
    """The best of `starts` seeded EM runs with k classes (each start runs SHORT_RUN
    iterations; the one with the highest likelihood then runs to convergence).

    EM runs on the distinct answer patterns weighted by their counts (`collapse=False` runs
    it on every row: the same model, kept to check that). BLAS is held to one thread: these
    matrices are small, and on a busy machine threaded BLAS made each EM step 100x slower."""
    from threadpoolctl import threadpool_limits  # here: the first page need not wait for it

    n = codes.shape[0]
    rows, w = answer_patterns(codes) if collapse else (codes, np.ones(n))
    x = one_hot(rows, levels)
    blocks = _blocks(levels)
    with threadpool_limits(1, user_api="blas"):
        if k == 1:
            weights, theta = _m_step(x, w, blocks, np.ones((len(w), 1)))
            _, loglik = _e_step(x, w, weights, theta)
            return LatentClasses(weights, theta, tuple(levels), loglik, n, 0)
        rng = np.random.default_rng(seed)
        marginal = _m_step(x, w, blocks, np.ones((len(w), 1)))[1]
        best = None
        for _ in range(starts):
            noise = rng.gamma(1.0, size=(k, x.shape[1]))
            theta = marginal * noise
            theta = theta / ((theta @ blocks) @ blocks.T)
            weights = np.full(k, 1.0 / k)
            run = _run(x, w, blocks, weights, theta, SHORT_RUN)
            if best is None or run[2] > best[2]:
                best = run
        weights, theta, loglik, iterations = _run(x, w, blocks, best[0], best[1], max_iter)
    return LatentClasses(weights, theta, tuple(levels), loglik, n, iterations + SHORT_RUN)


def contributions(codes: np.ndarray, theta: np.ndarray, levels: tuple[int, ...],
                  indicators: list[int] | range | None = None) -> np.ndarray:
    """Sum over the given indicators (default: all) of log P(answer | class), n x k; an
    unanswered indicator adds nothing."""
    offsets = np.concatenate([[0], np.cumsum(levels)]).astype(int)
    log_theta = np.log(theta)
    out = np.zeros((codes.shape[0], theta.shape[0]))
    for j in range(len(levels)) if indicators is None else indicators:
        block = np.vstack([log_theta[:, offsets[j]:offsets[j + 1]].T,
                           np.zeros((1, theta.shape[0]))])  # code -1 reads the zero row
        out += block[codes[:, j]]
    return out


def joint_log(codes: np.ndarray, weights: np.ndarray, theta: np.ndarray,
              levels: tuple[int, ...]) -> np.ndarray:
    """log P(class) + log P(answers | class), n x k."""
    return contributions(codes, theta, levels) + np.log(weights)


def normalise(joint: np.ndarray) -> np.ndarray:
    """Class probabilities from joint log-probabilities (rows sum to 1)."""
    p = np.exp(joint - joint.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


def posterior(codes: np.ndarray, weights: np.ndarray, theta: np.ndarray,
              levels: tuple[int, ...]) -> np.ndarray:
    """Each respondent's probability of each class (n x k), in chunks."""
    out = np.empty((codes.shape[0], len(weights)))
    for start in range(0, codes.shape[0], CHUNK):
        out[start:start + CHUNK] = normalise(
            joint_log(codes[start:start + CHUNK], weights, theta, levels))
    return out


def log_likelihood(codes: np.ndarray, model: LatentClasses) -> float:
    """Log-likelihood of these respondents under the model (e.g. ones it was not fitted on),
    in chunks, from the answer codes (no one-hot matrix of a million rows)."""
    total = 0.0
    for start in range(0, codes.shape[0], CHUNK):
        joint = joint_log(codes[start:start + CHUNK], model.weights, model.theta, model.levels)
        top = joint.max(axis=1)
        total += float((top + np.log(np.exp(joint - top[:, None]).sum(axis=1))).sum())
    return total


def entropy_r2(post: np.ndarray) -> float:
    """How clearly respondents fall into one class, 0 (not at all) to 1 (each one surely in
    one): 1 - entropy of the memberships / its maximum (Ramaswamy et al., 1993)."""
    n, k = post.shape
    if k < 2 or n == 0:
        return 1.0
    p = np.clip(post, 1e-300, 1.0)
    return float(1 - (-(post * np.log(p)).sum()) / (n * np.log(k)))
