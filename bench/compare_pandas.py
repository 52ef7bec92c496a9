#!/usr/bin/python3
"""The value refresh written the usual way in Python, timed against BrokerDesk on the same book.

Usage: /usr/bin/python3 bench/compare_pandas.py BOOK [--cli PATH/brokerdesk-cli] [--runs N]

With --cli, BrokerDesk's `refresh --db BOOK` runs first (N times, median wall time, default 3);
without it the duration of the book's latest value run is used. Python then computes the same
thing from the same book as of that run's date: the tables read with sqlite3 into pandas,
per-client features by group-bys, the profit model of ../shared/specs/value-model.md with the
run's parameters, BG/NBD and Gamma-Gamma fitted by maximum likelihood with scipy.optimize,
p_alive, expected trade days, expected commission per trade day, clv_12m and the value score.
It prints its stage timings, the speed ratio and whether its results agree with the ones
BrokerDesk stored (total profit_12m, the fitted parameters, total clv_12m).

Needs Debian's python3-pandas and python3-scipy (benchmark only, not BrokerDesk dependencies;
`scripts/deps --bench` installs them). Use /usr/bin/python3, which sees Debian's packages.
"""
import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd
from scipy import optimize, special

CHANNELS = ["unknown", "phone", "sms", "wechat", "email", "visit", "seminar", "other"]
UNITS = 10000.0  # stored money is INTEGER units of 0.0001 CNY


def run_cli(cli, book, runs):
    walls = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([cli, "refresh", "--db", book], check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls)


def bgnbd_ll(theta, x, tx, T):
    r, alpha, a, b = np.exp(theta)
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = special.gammaln(a + b) + special.gammaln(b + x) - special.gammaln(b) - special.gammaln(a + b + x)
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(b + x - 1) - (r + x) * np.log(alpha + tx), -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(a3, a4))


def gg_ll(theta, x, m):
    p, q, g = np.exp(theta)
    px = p * x
    return np.sum(special.gammaln(px + q) - special.gammaln(px) - special.gammaln(q) + q * np.log(g)
                  + (px - 1) * np.log(m) + px * np.log(x) - (px + q) * np.log(g + x * m))


def fit(ll, starts, *data):
    best = None
    for s in starts:
        res = optimize.minimize(lambda th: -ll(th, *data) / len(data[0]), np.log(s), method="BFGS")
        if best is None or res.fun < best.fun:
            best = res
    return np.exp(best.x), -best.fun * len(data[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("book")
    ap.add_argument("--cli")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    bd_seconds = run_cli(args.cli, args.book, args.runs) if args.cli else None
    con = sqlite3.connect(args.book)
    run_id, as_of, params_json, duration_ms = con.execute(
        "SELECT id, as_of, parameters, duration_ms FROM analytics_runs WHERE kind = 'value' "
        "ORDER BY id DESC LIMIT 1").fetchone()
    if bd_seconds is None:
        bd_seconds = duration_ms / 1000.0
    prm = json.loads(params_json)
    A = int(as_of)

    timings = {}
    t_all = t0 = time.perf_counter()
    clients = pd.read_sql_query("SELECT id AS client_ref, open_date FROM clients ORDER BY id", con)
    trades = pd.read_sql_query("SELECT client_ref, trade_time, amount, commission FROM trades", con)
    assets = pd.read_sql_query("SELECT client_ref, date, cash, market_value FROM assets", con)
    contacts = pd.read_sql_query("SELECT client_ref, contact_time, channel FROM contacts", con)
    timings["read (sqlite3 -> pandas)"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    trades["day"] = trades["trade_time"] // 86400
    trades = trades[trades["day"] <= A]
    win = trades[trades["day"] > A - 365]
    f = clients.set_index("client_ref")
    g = win.groupby("client_ref")
    f["commission_12m"] = g["commission"].sum() / UNITS
    f["amount_12m"] = g["amount"].sum() / UNITS
    f["trades_12m"] = g.size()
    a = assets[assets["date"] <= A]
    f["avg_cash_12m"] = a[a["date"] > A - 365].groupby("client_ref")["cash"].mean() / UNITS
    latest = a.sort_values("date").groupby("client_ref").tail(1).set_index("client_ref")
    f["aum"] = (latest["cash"] + latest["market_value"]) / UNITS
    c = contacts.copy()
    c["day"] = c["contact_time"] // 86400
    c = c[(c["day"] <= A) & (c["day"] > A - 365)]
    cost = np.array([prm["channel_cost." + ch] for ch in CHANNELS])
    c["cost"] = cost[c["channel"].clip(0, len(CHANNELS) - 1).to_numpy()]
    f["service_cost_12m"] = c.groupby("client_ref")["cost"].sum()
    f = f.fillna(0.0)
    f["covered_days"] = (A - np.maximum(f["open_date"], A - 365)).clip(0, 365)
    timings["features (group-bys)"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    f["interest_12m"] = prm["spread_rate"] * f["avg_cash_12m"] * f["covered_days"] / 365
    f["handling_cost_12m"] = prm["handling_rate"] * f["amount_12m"]
    f["maintenance_12m"] = prm["maintenance_per_year"] * f["covered_days"] / 365
    f["profit_12m"] = (f["commission_12m"] + f["interest_12m"] - f["handling_cost_12m"]
                       - f["service_cost_12m"] - f["maintenance_12m"])
    timings["profit"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    days = trades.groupby(["client_ref", "day"], sort=True)["commission"].sum().reset_index()
    days["commission"] /= UNITS
    gd = days.groupby("client_ref")
    first, last, n = gd["day"].min(), gd["day"].max(), gd.size()
    first_value = gd["commission"].first()
    rfm = pd.DataFrame({"x": n - 1, "t_x": (last - first) / 7.0, "T": (A - first) / 7.0})
    rfm["m_x"] = np.where(rfm["x"] > 0, (gd["commission"].sum() - first_value) / rfm["x"].clip(1), 0.0)
    x, tx, T = rfm["x"].to_numpy(float), rfm["t_x"].to_numpy(), rfm["T"].to_numpy()
    rate = x.sum() / T.sum()
    bg, bg_ll = fit(bgnbd_ll, [(1, 1 / rate, 1, 1), (0.25, 0.25 / rate, 0.75, 2.5)], x, tx, T)
    rep = (rfm["x"] > 0) & (rfm["m_x"] > 0)
    xm, mm = rfm.loc[rep, "x"].to_numpy(float), rfm.loc[rep, "m_x"].to_numpy()
    gg, gg_loglik = fit(gg_ll, [(1, 2, mm.mean()), (10, 10, mm.mean() * 0.9)], xm, mm)
    timings["BG/NBD + Gamma-Gamma fits (scipy)"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    r, alpha, a_, b_ = bg
    h = prm["clv_horizon_weeks"]
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.where(x > 0, a_ / (b_ + x - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
        p_alive = 1.0 / (1.0 + odds)
        hyp = special.hyp2f1(r + x, b_ + x, a_ + b_ + x - 1, h / (alpha + T + h))
        expected = ((a_ + b_ + x - 1) / (a_ - 1)
                    * (1 - ((alpha + T) / (alpha + T + h)) ** (r + x) * hyp) / (1 + odds))
    p, q, gam = gg
    mx = np.maximum(rfm["m_x"].to_numpy(), 0.0)
    value = np.where(x > 0, p * (gam + x * mx) / (p * x + q - 1), p * gam / (q - 1))
    rfm["p_alive"], rfm["expected"], rfm["value"] = p_alive, expected, value
    f = f.join(rfm[["p_alive", "expected", "value"]]).fillna({"p_alive": 0.0, "expected": 0.0, "value": 0.0})
    f["clv_12m"] = f["expected"] * f["value"] + f["p_alive"] * (
        f["interest_12m"] - f["service_cost_12m"] - f["maintenance_12m"])
    f["value_score"] = prm["weight_profit"] * f["profit_12m"] + prm["weight_clv"] * f["clv_12m"]
    f["value_rank"] = f["value_score"].rank(ascending=False, method="first")
    timings["predictions + score"] = time.perf_counter() - t0
    py_seconds = time.perf_counter() - t_all

    print(f"book {args.book}: {len(f)} clients, {len(trades)} trades up to {pd.Timestamp(A, unit='D').date()}")
    print(f"pandas {pd.__version__}, scipy {__import__('scipy').__version__}, numpy {np.__version__}")
    for k, v in timings.items():
        print(f"  {k:36s} {1000 * v:9.0f} ms")
    print(f"  {'Python total':36s} {1000 * py_seconds:9.0f} ms")
    src = f"`refresh` wall, median of {args.runs}" if args.cli else f"run {run_id} duration"
    print(f"  {'BrokerDesk refresh (' + src + ')':36s} {1000 * bd_seconds:9.0f} ms "
          "(also persists and segments, which Python does not)")
    ratio = py_seconds / bd_seconds
    print(f"speed-up: {ratio:.1f}x ({'meets' if ratio >= 5 else 'MISSES'} the >= 5x target)")

    # Agreement with what BrokerDesk stored for the same run.
    bd_profit, bd_clv = con.execute(
        "SELECT sum(profit_12m), sum(clv_12m) FROM client_scores WHERE run_id = ?", (run_id,)).fetchone()
    models = {m: (json.loads(p_), ll) for m, p_, ll in con.execute(
        "SELECT model, parameters, log_likelihood FROM clv_models WHERE run_id = ?", (run_id,))}
    ok = True

    def check(name, ours, theirs, tol, rel=True):
        nonlocal ok
        err = abs(ours - theirs) / max(abs(theirs), 1e-300) if rel else abs(ours - theirs)
        good = err <= tol
        ok = ok and good
        print(f"  {name:30s} BrokerDesk {theirs:18.6f}  Python {ours:18.6f}  "
              f"{'rel' if rel else 'abs'} diff {err:.2e} {'ok' if good else 'DIFFERS'} (tol {tol:g})")

    def check_loglik(name, ours, theirs, tol):
        # A maximum: BrokerDesk agrees when Python found no higher likelihood (beyond tol); a
        # higher one on BrokerDesk's side means scipy stopped earlier on the flat ridge.
        nonlocal ok
        shortfall = (ours - theirs) / max(abs(theirs), 1e-300)
        good = shortfall <= tol
        ok = ok and good
        print(f"  {name:30s} BrokerDesk {theirs:18.6f}  Python {ours:18.6f}  "
              f"Python higher by {max(shortfall, 0.0):.2e} {'ok' if good else 'DIFFERS'} "
              f"(tol {tol:g}{'; BrokerDesk higher' if shortfall < 0 else ''})")

    print("agreement:")
    # Each client's profit is rounded to the cent once by BrokerDesk: at most half a cent each.
    check("total profit_12m (CNY)", f["profit_12m"].sum(), bd_profit / UNITS, 0.005 * len(f), rel=False)
    if "bgnbd" in models:
        bp, bll = models["bgnbd"]
        for i, k in enumerate(["r", "alpha", "a", "b"]):
            check(f"BG/NBD {k}", bg[i], bp[k], 1e-3)
        check_loglik("BG/NBD log-likelihood", bg_ll, bll, 1e-8)
    if "gammagamma" in models:
        gp, gll = models["gammagamma"]
        check_loglik("Gamma-Gamma log-likelihood", gg_loglik, gll, 1e-8)
        # p and gamma sit on a flat ridge; the population mean p*gamma/(q-1) is what is used.
        check("Gamma-Gamma mean p*g/(q-1)", p * gam / (q - 1), gp["p"] * gp["gamma"] / (gp["q"] - 1), 1e-3)
        check("Gamma-Gamma q", q, gp["q"], 1e-2)
    check("total clv_12m (CNY)", f["clv_12m"].sum(), bd_clv / UNITS, 1e-3)
    print("results agree" if ok else "RESULTS DIFFER")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
