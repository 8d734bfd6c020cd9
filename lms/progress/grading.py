"""Quiz grading: pure functions over questions and submitted answers."""

from dataclasses import dataclass

from lms.content.schema import QuestionData


@dataclass(frozen=True)
class QuestionResult:
    question: QuestionData
    chosen: frozenset[int]

    @property
    def correct(self) -> bool:
        return self.chosen == frozenset(self.question.correct_indices)


def grade(
    questions: list[QuestionData], answers: dict[str, list[int]]
) -> tuple[int, list[QuestionResult]]:
    """Score in whole percent; a multiple-answer question counts only if exactly right."""
    results = [QuestionResult(q, frozenset(answers.get(q.key, []))) for q in questions]
    if not results:
        return 100, results
    right = sum(result.correct for result in results)
    return round(100 * right / len(results)), results
