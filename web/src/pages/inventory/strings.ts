// The inventory pages' words, in their own chunk: the first visit's dictionary (src/i18n/ko.ts) stays within the
// initial-JavaScript budget. Registered as the i18next namespace "inventory" when the page loads.
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../lib/format';

export const en = {
  sections: 'Inventory sections', none: 'No stock items yet', noneHint: 'Add what you buy and keep: its unit, pack, price, re-order point and par level.',
  lowOnly: 'Only items at or below their re-order point', item: 'Item', onHand: 'On hand', reorderPoint: 'Re-order point', par: 'Par level', value: 'Value', low: 'Low',
  addItem: 'Add a stock item', baseUnit: 'Unit', packUnit: 'Bought in (pack name)', packSize: 'Units per pack', packCost: 'Price per pack (KRW)', add: 'Add item',
  spotCount: 'Spot count', spotCountHint: 'Enter what you find on the shelf (in each item’s unit); items left blank are not counted.', expected: 'expected',
  recordCount: 'Record count', recentCounts: 'Recent counts', noCounts: 'No counts yet', variance: 'Variance',
  fillToPar: 'Fill to par', fillToParHint: 'Drafts one order per supplier for everything below par, counting what is already on order.',
  noOrders: 'No purchase orders yet', priceChanged: 'Price changed', expectedOn: 'Expected {{date}}', send: 'Approve and send', from: 'From',
  section: { stock: 'Stock', counts: 'Counts', orders: 'Purchase orders', costs: 'Food cost' },
  kind: { full: 'Full count', spot: 'Spot count' },
  status: { draft: 'Draft', sent: 'Sent', partially_received: 'Partly received', received: 'Received', cancelled: 'Cancelled' },
  cost: { sales: 'Sales', theoretical: 'Theoretical usage', actual: 'Actual usage', waste: 'Waste', variance: 'Count variance', receipts: 'Deliveries' },
};

export const ko: typeof en = {
  sections: '재고 메뉴', none: '재고 품목이 없습니다', noneHint: '구매하고 보관하는 품목을 단위, 포장, 가격, 재주문점, 적정 재고와 함께 등록하세요.',
  lowOnly: '재주문점 이하 품목만', item: '품목', onHand: '현재 재고', reorderPoint: '재주문점', par: '적정 재고', value: '재고 금액', low: '부족',
  addItem: '재고 품목 추가', baseUnit: '단위', packUnit: '구매 포장 이름', packSize: '포장당 수량', packCost: '포장당 가격(원)', add: '품목 추가',
  spotCount: '부분 실사', spotCountHint: '선반에서 센 수량을 각 품목 단위로 입력하세요. 비워 둔 품목은 세지 않은 것으로 봅니다.', expected: '장부',
  recordCount: '실사 기록', recentCounts: '최근 실사', noCounts: '실사 기록이 없습니다', variance: '차이',
  fillToPar: '적정 재고까지 발주', fillToParHint: '적정 재고보다 적은 품목을 공급업체별 발주서 초안으로 만듭니다. 이미 발주한 수량도 셉니다.',
  noOrders: '발주서가 없습니다', priceChanged: '가격 변동', expectedOn: '{{date}} 입고 예정', send: '승인하고 발송', from: '시작일',
  section: { stock: '재고', counts: '실사', orders: '발주', costs: '원가율' },
  kind: { full: '전체 실사', spot: '부분 실사' },
  status: { draft: '초안', sent: '발송됨', partially_received: '일부 입고', received: '입고 완료', cancelled: '취소됨' },
  cost: { sales: '매출', theoretical: '이론 사용량', actual: '실제 사용량', waste: '폐기', variance: '실사 차이', receipts: '입고' },
};

function register() {
  for (const [lang, words] of [['ko', ko], ['en', en]] as const) {
    if (!i18next.hasResourceBundle(lang, 'inventory')) i18next.addResourceBundle(lang, 'inventory', words);
  }
}
if (i18next.isInitialized) register();
else i18next.on('initialized', register);

/** tx() over the inventory words (named apart from the shared t(), whose keys live in src/i18n). */
export function useInventoryT() {
  const { t, i18n } = useTranslation('inventory');
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ko';
  return { tx: t, lang };
}
