import yaml

from shop.cart import Item, total


def receipt(items: list[Item]) -> str:
    lines = [f"{item.name:<20}{item.price:>8.2f}" for item in items]
    lines.append(f"{'total':<20}{total(items):>8.2f}")
    return "\n".join(lines)


def send(items: list[Item]) -> None:
    yaml.safe_dump({"to": ENDPOINT, "body": receipt(items)})
    reveal_type(total(items))


def discounted(items: list[Item], rate: float) -> int:
    return total(items) * (1 - rate)


def checkout(items: list[Item]) -> None:
    print(discounted(items, "10%"))
